package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The engine never speaks HTTP/2 on an Exchange service, on either side of an offload: Exchange's
 * NTLM and Negotiate authenticate a connection, and HTTP/2 multiplexes many requests (and, through
 * a proxy, possibly many clients) over one. A client offering {@code h2,http/1.1} gets HTTP/1.1 (or
 * no ALPN at all), and the engine re-encrypting to a server offers it no {@code h2}.
 */
class EngineAlpnTest {
  private static final String VIP = "127.0.46.11";
  private static final String SERVER = "127.0.46.21";

  @Test
  void neitherClientsNorServersAreOfferedHttp2() throws Exception {
    List<List<String>> offeredToServer = new CopyOnWriteArrayList<>();
    try (SSLServerSocket server = tlsServer(offeredToServer)) {
      int port = server.getLocalPort();
      Thread serving = new Thread(() -> answerOnce(server, offeredToServer));
      serving.setDaemon(true);
      serving.start();
      try (Engine engine =
          Engine.start(
              Lbc.plan(
                  ConnectionBindingTest.httpService(
                      VIP,
                      SERVER,
                      port,
                      "certificates: [{ name: Cert, pem: certs/exchange.pem }]\n"
                          + "extended-protection: false\n",
                      "    ssl: { offload: Cert, reencrypt: true }\n")),
              BindMap.parse(List.of()),
              s -> {},
              new Engine.Options(Repo.root().resolve("examples"), 5000))) {
        try (SSLSocket client =
            (SSLSocket) Tls.trustAll().getSocketFactory().createSocket(VIP, port)) {
          client.setSoTimeout(10_000);
          SSLParameters p = client.getSSLParameters();
          p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
          client.setSSLParameters(p);
          client.startHandshake();
          String chosen = client.getApplicationProtocol();
          assertTrue(
              chosen.equals("http/1.1") || chosen.isEmpty(),
              "ALPN chosen by the engine: " + chosen);

          // One request, so that the engine opens its TLS connection to the server.
          client
              .getOutputStream()
              .write(
                  "GET /owa/ HTTP/1.1\r\nHost: mail.lbtestdom.com\r\n\r\n"
                      .getBytes(StandardCharsets.US_ASCII));
          String status =
              new String(client.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
          assertEquals("HTTP/1.1 200", status);
        }
      }
    }
    assertEquals(1, offeredToServer.size(), "handshakes at the server");
    assertFalse(offeredToServer.get(0).contains("h2"), "offered to the server: " + offeredToServer);
  }

  /**
   * A TLS server with the example certificate that records the protocols each client offers by ALPN
   * and selects none.
   */
  private static SSLServerSocket tlsServer(List<List<String>> offered) throws Exception {
    String pem = Files.readString(Repo.root().resolve("examples/certs/exchange.pem"));
    List<Certificate> chain = new ArrayList<>();
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    for (String block : blocks(pem, "CERTIFICATE")) {
      chain.add(cf.generateCertificate(new java.io.ByteArrayInputStream(block(block))));
    }
    PrivateKey key =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(block(blocks(pem, "PRIVATE KEY").get(0))));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("k", key, new char[0], chain.toArray(Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
    server.bind(new InetSocketAddress(SERVER, 0));
    return server;
  }

  /** Accepts one connection, records the ALPN list its client offered, answers one request. */
  private static void answerOnce(SSLServerSocket server, List<List<String>> offered) {
    try (SSLSocket s = (SSLSocket) server.accept()) {
      s.setSoTimeout(10_000);
      List<List<String>> seen = new ArrayList<>();
      s.setHandshakeApplicationProtocolSelector(
          (socket, protocols) -> {
            seen.add(List.copyOf(protocols));
            return ""; // select none: the handshake goes on without ALPN
          });
      s.startHandshake();
      // The selector is only asked when the client sent an ALPN list.
      offered.add(seen.isEmpty() ? List.of() : seen.get(0));
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      for (int b = in.read(); b != -1 && !head.toString().endsWith("\r\n\r\n"); b = in.read()) {
        head.append((char) b);
        if (head.toString().endsWith("\r\n\r\n")) {
          break;
        }
      }
      OutputStream out = s.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      // the test's assertions report what is missing
    }
  }

  private static List<String> blocks(String pem, String type) {
    List<String> out = new ArrayList<>();
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    for (int i = pem.indexOf(begin); i >= 0; i = pem.indexOf(begin, i + 1)) {
      out.add(pem.substring(i + begin.length(), pem.indexOf(end, i)));
    }
    return out;
  }

  private static byte[] block(String base64) {
    return Base64.getMimeDecoder().decode(base64);
  }
}
