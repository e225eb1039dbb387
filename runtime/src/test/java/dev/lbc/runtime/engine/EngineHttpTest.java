package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.runtime.sim.SimulatedExchange;
import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP mode of the embedded engine: X-Forwarded-For, the HTTPS redirect, SSL offload with the
 * deployment's certificate and re-encryption to the servers, slow-header clients closed while other
 * requests flow, and 400 for heads over the buffer or with too many header lines.
 */
class EngineHttpTest {
  private static final List<SimulatedExchange> SIMS = new ArrayList<>();
  private static final List<String> LOG = new CopyOnWriteArrayList<>();
  private static Engine engine;

  @BeforeAll
  static void start() throws Exception {
    // The example certificate names mail.lbtestdom.com, and these tests connect to an address.
    System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
    String yaml =
        """
        lbc: 1
        name: http-test
        exchange: 2016
        appliances:
          primary: { hostname: lb1, address: 127.0.0.5/8 }
        certificates: [{ name: Cert, pem: certs/exchange.pem }]
        servers:
          - { name: MBOX1, address: 127.0.0.30 }
        services:
          - name: PLAIN
            vip: 127.0.0.11
            ports: [25080]
            mode: snat
            protocol: http
            x-forwarded-for: true
            health-check: { type: http-get, path: /owa/healthcheck.htm }
            real-servers: [{ server: MBOX1, port: 25080 }]
          - name: REDIRECT
            vip: 127.0.0.11
            ports: [25081]
            mode: snat
            protocol: http
            redirect: https
          - name: OFFLOAD
            vip: 127.0.0.11
            ports: [25443]
            mode: snat
            protocol: http
            x-forwarded-for: true
            ssl: { offload: Cert, reencrypt: true }
            health-check: { type: https-get, path: /owa/healthcheck.htm }
            real-servers: [{ server: MBOX1, port: 25443 }]
        """;
    SimulatedExchange sim = new SimulatedExchange("MBOX1");
    sim.listen("127.0.0.30", 25080, "http");
    sim.listen("127.0.0.30", 25443, "https");
    SIMS.add(sim);
    engine =
        Engine.start(
            Lbc.plan(yaml),
            BindMap.parse(List.of()),
            LOG::add,
            new Engine.Options(Repo.root().resolve("examples"), 700));
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
    SIMS.forEach(SimulatedExchange::close);
  }

  private static HttpClient client() throws Exception {
    return HttpClient.newBuilder()
        .sslContext(Tls.trustAll())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return client()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void forwardsWithXForwardedForOverKeepAlive() throws Exception {
    HttpClient http = client();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.11:25080/owa/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("served by MBOX1"), r.body());
      assertTrue(r.body().contains("x-forwarded-for: 127.0.0.1"), r.body());
    }
  }

  @Test
  void redirectsToHttps() throws Exception {
    assertEquals(
        "https://mail.example.com/owa/?a=1",
        redirect("GET /owa/?a=1 HTTP/1.1\r\nHost: mail.example.com\r\n\r\n"));
  }

  @Test
  void redirectsAnAbsoluteFormTargetToItsOwnHostAndPath() throws Exception {
    // RFC 9112 3.2.2: the target's authority wins over Host
    assertEquals(
        "https://mail.example.com/owa/?a=1",
        redirect("GET http://mail.example.com/owa/?a=1 HTTP/1.1\r\nHost: other\r\n\r\n"));
    assertEquals(
        "https://mail.example.com/",
        redirect("GET http://mail.example.com:80 HTTP/1.1\r\nHost: mail.example.com\r\n\r\n"));
    assertEquals(
        "https://mail.example.com/",
        redirect("OPTIONS * HTTP/1.1\r\nHost: mail.example.com:80\r\n\r\n"));
  }

  @Test
  void aClientThatEndsItsSendingAfterTheRequestGetsTheAnswer() throws Exception {
    // printf 'GET ...' | nc -N: the request, then the client's end of sending, before the answer
    try (Socket s = new Socket("127.0.0.11", 25080)) {
      s.setSoTimeout(5000);
      s.getOutputStream()
          .write(
              "GET /owa/ HTTP/1.1\r\nHost: mail.example.com\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      s.shutdownOutput();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), "answer: '" + answer + "' log: " + LOG);
      assertTrue(answer.contains("served by MBOX1"), answer);
    }
  }

  @Test
  void anHttp10RedirectNamesAnIpv6VipInBrackets() {
    // no Host: the VIP, whose port-stripping once cut an IPv6 address's last group
    assertEquals("https://[2001:db8::80]/owa/", HttpProxy.httpsLocation("/owa/", "2001:db8::80"));
    assertEquals(
        "https://[2001:db8::80]/owa/", HttpProxy.httpsLocation("/owa/", "[2001:db8::80]:80"));
  }

  /** The Location of the HTTPS redirect answering {@code request}. */
  private static String redirect(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.11", 25081)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      assertEquals("HTTP/1.1 301 Moved Permanently", in.readLine());
      List<String> headers = new ArrayList<>();
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        if (line.regionMatches(true, 0, "location: ", 0, 10)) {
          return line.substring(10);
        }
        headers.add(line);
      }
      throw new AssertionError("no Location in " + headers);
    }
  }

  @Test
  void offloadsAndReencrypts() throws Exception {
    HttpResponse<String> r = get("https://127.0.0.11:25443/owa/");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("served by MBOX1"), r.body());
    assertTrue(r.body().contains("x-forwarded-for: 127.0.0.1"), r.body());
  }

  @Test
  void slowHeaderClientsAreClosedWhileOthersFlow() throws Exception {
    try (Socket slow = new Socket("127.0.0.11", 25080)) {
      slow.setSoTimeout(5000);
      OutputStream out = slow.getOutputStream();
      out.write("GET /owa/ HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long started = System.currentTimeMillis();
      assertEquals(200, get("http://127.0.0.11:25080/owa/").statusCode());
      int read = slow.getInputStream().read();
      long took = System.currentTimeMillis() - started;
      assertEquals(-1, read, "closed without a response");
      assertTrue(took >= 500 && took < 3000, "closed after " + took + " ms");
    }
  }

  @Test
  void oversizedOrOverlongHeadsGet400() throws Exception {
    assertEquals(
        "HTTP/1.1 400 Bad Request",
        raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"));
    StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 150; i++) {
      many.append("X-H").append(i).append(": v\r\n");
    }
    assertEquals("HTTP/1.1 400 Bad Request", raw(many + "\r\n"));
  }

  private static String raw(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.11", 25080)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      return new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }
}
