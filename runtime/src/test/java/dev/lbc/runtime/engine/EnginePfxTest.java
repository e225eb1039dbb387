package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.cert.CertificateRead;
import dev.lbc.compiler.cert.CertificateReader;
import dev.lbc.compiler.cert.CertificateSource;
import dev.lbc.compiler.cert.Environment;
import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The embedded engine serves TLS from a PKCS#12 file as from a PEM: both go through the reader the
 * lint and the build use, so the client sees the very certificate lint checked.
 */
class EnginePfxTest {
  private static final String VIP = "127.0.44.21";
  private static final Path CERTS = Repo.root().resolve("golden/certs");

  private static String yaml(String certificate) {
    return """
        lbc: 1
        name: pfx
        exchange: 2016
        appliances:
          primary: { hostname: lb1, address: 127.0.0.5/8 }
        certificates: [{ name: Cert, %s }]
        servers:
          - { name: MBOX1, address: 127.0.0.30 }
        services:
          - name: HTTPS
            vip: %s
            ports: [443]
            mode: snat
            protocol: http
            ssl: { offload: Cert, reencrypt: true }
            health-check: { type: none }
            real-servers: [{ server: MBOX1, port: 443 }]
        """
        .formatted(certificate, VIP);
  }

  private static Engine.Options options(Environment env) {
    return new Engine.Options(CERTS, 2000, false, 20_000, env);
  }

  @Test
  void aPfxWithItsPasswordFromTheEnvironmentIsServed() throws Exception {
    List<String> log = new ArrayList<>();
    Environment env = Map.of("PFX_PASSWORD", "lbc-test-password")::get;
    try (Engine engine =
        Engine.start(
            Lbc.plan(yaml("pfx: good.pfx, password: \"${env:PFX_PASSWORD}\"")),
            BindMap.parse(List.of()),
            log::add,
            options(env))) {
      byte[] served = servedCertificate(VIP + ":443");
      CertificateRead pem =
          CertificateReader.read(
              CERTS, new CertificateSource(CertificateSource.Format.PEM, "good.pem", null), env);
      assertArrayEquals(
          ((CertificateRead.Read) pem).info().leaf().getEncoded(), served, "log: " + log);
    }
  }

  @Test
  void aPfxWhosePasswordVariableIsUnsetIsRefusedWithTheReason() {
    Engine.CertificateFailure e =
        assertThrows(
            Engine.CertificateFailure.class,
            () ->
                Engine.start(
                    Lbc.plan(yaml("pfx: good.pfx, password: \"${env:PFX_PASSWORD}\"")),
                    BindMap.parse(List.of()),
                    s -> {},
                    options(name -> null)));
    assertTrue(
        e.getMessage().contains("certificate Cert cannot be loaded")
            && e.getMessage().contains("PFX_PASSWORD is not set"),
        e.getMessage());
  }

  /** The leaf certificate the engine presents at {@code endpoint}, DER-encoded. */
  private static byte[] servedCertificate(String endpoint) throws Exception {
    String[] hostPort = endpoint.split(":");
    try (SSLSocket s =
        (SSLSocket)
            Tls.trustAll()
                .getSocketFactory()
                .createSocket(hostPort[0], Integer.parseInt(hostPort[1]))) {
      s.setSoTimeout(5000);
      s.startHandshake();
      return s.getSession().getPeerCertificates()[0].getEncoded();
    }
  }
}
