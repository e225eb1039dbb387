package dev.lbc.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API over real sockets, as a browser, a script and an attacker reach it: a cross-site
 * form cannot act, the page's own requests can, empty credentials switch the API off, and clients
 * that never finish their request head neither starve the others nor stay connected.
 */
class AdminServerTest {
  private static final String AUTH =
      "Basic "
          + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8));

  /** Records the actions it is asked for; one service with one server. */
  static final class FakeStatus implements StatusProvider {
    final List<String> actions = new CopyOnWriteArrayList<>();

    @Override
    public List<Map<String, Object>> services() {
      return List.of(
          Map.of(
              "name",
              "MBOX-HTTPS",
              "servers",
              List.of(Map.of("name", "MBOX1", "admin", "online"))));
    }

    @Override
    public List<Map<String, Object>> vips() {
      return List.of();
    }

    @Override
    public boolean act(String service, String server, String action) {
      actions.add(service + "/" + server + "/" + action);
      return true;
    }
  }

  private final FakeStatus status = new FakeStatus();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private AdminServer server;

  private AdminServer start(String user, String password) throws IOException {
    server = new AdminServer("127.0.0.1", 0, status, List.of(), user, password, log::add);
    return server;
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  /** One raw request; returns the whole answer (the server closes, or 5 s pass). */
  private String exchange(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return readAnswer(s.getInputStream());
    }
  }

  /** GET /api/status with this Host header and Authorization (null: none). */
  private String getStatus(String hostHeader, String authorization) throws IOException {
    return exchange(
        "GET /api/status HTTP/1.1\r\nHost: "
            + hostHeader
            + (authorization == null ? "" : "\r\nAuthorization: " + authorization)
            + "\r\nConnection: close\r\n\r\n");
  }

  /** Reads one answer: the head and a Content-Length body. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int length = -1;
    int headEnd = -1;
    while (true) {
      int b;
      try {
        b = in.read();
      } catch (SocketTimeoutException e) {
        break;
      }
      if (b < 0) {
        break;
      }
      buf.write(b);
      String text = buf.toString(StandardCharsets.ISO_8859_1);
      if (headEnd < 0 && text.endsWith("\r\n\r\n")) {
        headEnd = text.length();
        for (String line : text.split("\r\n")) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
      }
      if (headEnd >= 0 && text.length() - headEnd >= Math.max(length, 0)) {
        break;
      }
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  private static int statusOf(String answer) {
    assertTrue(answer.startsWith("HTTP/1.1 "), "not an HTTP answer: " + answer);
    return Integer.parseInt(answer.substring(9, 12));
  }

  private String host() {
    return "127.0.0.1:" + server.port();
  }

  private String post(String path, String... headers) throws IOException {
    return postAs(host(), path, headers);
  }

  /** An authenticated POST with this Host header and these extra header lines. */
  private String postAs(String hostHeader, String path, String... headers) throws IOException {
    return exchange(
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + hostHeader
            + "\r\nAuthorization: "
            + AUTH
            + "\r\n"
            + String.join("", headers)
            + "Content-Length: 0\r\nConnection: close\r\n\r\n");
  }

  private static final String HALT = "/api/services/MBOX-HTTPS/servers/MBOX1/halt";

  @Test
  void aCrossSiteFormPostIsRefusedAndChangesNothing() throws IOException {
    start("admin", "s3cret");
    // What a browser sends for <form method=post action=http://127.0.0.1:9090/api/...> on
    // http://evil.example, with the operator's basic credentials cached.
    String answer =
        post(
            HALT,
            "Origin: http://evil.example\r\n",
            "Sec-Fetch-Site: cross-site\r\n",
            "Content-Type: application/x-www-form-urlencoded\r\n");
    assertEquals(403, statusOf(answer), answer);
    assertEquals(List.of(), status.actions, "the server was not halted");
  }

  @Test
  void aRefusedRequestIsLoggedWithoutItsControlBytes() throws IOException {
    start("admin", "s3cret");
    // anyone who reaches the port, before any credentials: escape bytes that would clear the
    // operator's terminal and paint a forged line
    String answer =
        exchange(
            "POST /api/\u001b[2J\u001b[31mFAKE HTTP/1.1\r\nHost: "
                + host()
                + "\r\nOrigin: http://evil\u001b[0m\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 4"), answer);
    assertTrue(log.stream().noneMatch(l -> l.indexOf('\u001b') >= 0), log.toString());
  }

  @Test
  void aFormPostWithoutOriginIsRefused() throws IOException {
    // A browser that sends no Origin (or a privacy extension that strips it) still cannot set a
    // custom header or a JSON content type on a cross-site form.
    start("admin", "s3cret");
    String answer = post(HALT, "Content-Type: application/x-www-form-urlencoded\r\n");
    assertEquals(403, statusOf(answer), answer);
    String plain = post(HALT, "Content-Type: text/plain\r\n");
    assertEquals(403, statusOf(plain), plain);
    assertEquals(List.of(), status.actions);
  }

  @Test
  void aCrossSiteRequestWithTheCustomHeaderIsStillRefused() throws IOException {
    start("admin", "s3cret");
    for (String proof :
        List.of(
            "Origin: http://evil.example\r\n",
            "Origin: null\r\n",
            "Sec-Fetch-Site: cross-site\r\n",
            "Sec-Fetch-Site: same-site\r\n",
            "Referer: http://evil.example/page\r\n")) {
      String answer = post(HALT, proof, "X-Requested-With: lbc\r\n");
      assertEquals(403, statusOf(answer), proof + answer);
    }
    assertEquals(List.of(), status.actions);
  }

  @Test
  void thePagesOwnRequestsAndScriptsAct() throws IOException {
    start("admin", "s3cret");
    String page =
        post(
            HALT,
            "Origin: http://" + host() + "\r\n",
            "Sec-Fetch-Site: same-origin\r\n",
            "X-Requested-With: lbc\r\n");
    assertEquals(200, statusOf(page), page);
    // curl -u admin:... -X POST -H 'Content-Type: application/json' URL
    String script = post(HALT, "Content-Type: application/json\r\n");
    assertEquals(200, statusOf(script), script);
    assertEquals(List.of("MBOX-HTTPS/MBOX1/halt", "MBOX-HTTPS/MBOX1/halt"), status.actions);
  }

  @Test
  void aHostNameThatIsNotTheAdminAddressIsRefused() throws IOException {
    // DNS rebinding: evil.example resolved to 127.0.0.1 makes the browser treat the admin API as
    // evil.example's own origin; the Host header still names evil.example.
    start("admin", "s3cret");
    String evil = "evil.example:" + server.port();
    String answer = getStatus(evil, AUTH);
    assertEquals(421, statusOf(answer), answer);
    String rebound =
        postAs(evil, HALT, "Origin: http://" + evil + "\r\n", "X-Requested-With: lbc\r\n");
    assertEquals(421, statusOf(rebound), rebound);
    assertEquals(List.of(), status.actions);
  }

  @Test
  void anAddressLocalhostOrAPortForwardIsThisPage() throws IOException {
    start("admin", "s3cret");
    // ssh -L 8080:127.0.0.1:PORT: the browser's origin and Host are localhost:8080.
    for (String self : List.of("localhost:8080", "[::1]:" + server.port(), "127.0.0.2:9")) {
      String answer =
          postAs(self, HALT, "Origin: http://" + self + "\r\n", "X-Requested-With: lbc\r\n");
      assertEquals(200, statusOf(answer), self + ": " + answer);
    }
  }

  @Test
  void thePageCannotBeFramedBySomeoneElse() throws IOException {
    start("admin", "s3cret");
    // A page that framed the status page could have its own buttons clicked (same-origin).
    String page =
        exchange(
            "GET / HTTP/1.1\r\nHost: "
                + host()
                + "\r\nAuthorization: "
                + AUTH
                + "\r\nConnection: close\r\n\r\n");
    assertEquals(200, statusOf(page), page);
    String head = page.toLowerCase(java.util.Locale.ROOT);
    assertTrue(head.contains("\r\nx-frame-options: deny\r\n"), page);
    assertTrue(head.contains("\r\ncontent-security-policy: frame-ancestors 'none'\r\n"), page);
  }

  @Test
  void emptyCredentialsSwitchTheApiOff() throws IOException {
    start("", "");
    String empty = Base64.getEncoder().encodeToString(":".getBytes(StandardCharsets.UTF_8));
    String answer = getStatus(host(), "Basic " + empty);
    assertEquals(503, statusOf(answer), answer);
    assertTrue(answer.contains("the admin API is off"), answer);
  }

  @Test
  void onlyTheExactCredentialsAreAccepted() throws IOException {
    start("admin", "s3cret");
    for (String given : List.of("admin:s3cre", "admin:s3cret!", "admin:", ":", "admin:S3CRET")) {
      String answer =
          getStatus(
              host(),
              "Basic "
                  + Base64.getEncoder().encodeToString(given.getBytes(StandardCharsets.UTF_8)));
      assertEquals(401, statusOf(answer), given + ": " + answer);
    }
    String ok = getStatus(host(), AUTH);
    assertEquals(200, statusOf(ok), ok);
  }

  @Test
  void stalledRequestHeadsNeitherStarveOthersNorStayOpen() throws Exception {
    start("admin", "s3cret");
    List<Socket> stalled = new ArrayList<>();
    long opened = System.nanoTime();
    try {
      for (int i = 0; i < 10; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        s.getOutputStream()
            .write(
                ("GET /api/status HTTP/1.1\r\nHost: " + host() + "\r\nX-Slow: ")
                    .getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        stalled.add(s);
      }
      long before = System.nanoTime();
      String answer = getStatus(host(), AUTH);
      long tookMs = (System.nanoTime() - before) / 1_000_000;
      assertTrue(
          answer.startsWith("HTTP/1.1 200"),
          "an authenticated client is answered while 10 others stall ("
              + tookMs
              + " ms): "
              + answer);
      assertTrue(tookMs < 2000, "answered in " + tookMs + " ms");

      // The stalled ones get 408 and are closed once the 10 s head timeout has passed.
      for (Socket s : stalled) {
        s.setSoTimeout(15_000);
        String late = readAnswer(s.getInputStream());
        long afterMs = (System.nanoTime() - opened) / 1_000_000;
        assertTrue(late.startsWith("HTTP/1.1 408"), "a stalled head gets 408: " + late);
        assertEquals(-1, s.getInputStream().read(), "then the connection is closed");
        assertTrue(afterMs >= 9_000 && afterMs < 14_000, "closed after " + afterMs + " ms");
      }
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  @Test
  void aFloodOfStalledConnectionsClosesTheOldestNotTheNewcomer() throws Exception {
    start("admin", "s3cret");
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < AdminServer.MAX_WAITING + 20; i++) {
        Socket s = new Socket("127.0.0.1", server.port());
        s.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
        stalled.add(s);
      }
      String answer = getStatus(host(), AUTH);
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      Socket oldest = stalled.get(0);
      oldest.setSoTimeout(2000);
      String closed = readAnswer(oldest.getInputStream());
      assertTrue(closed.startsWith("HTTP/1.1 408"), "the oldest waiting one is closed: " + closed);
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  @Test
  void anOversizedHeadIsRefused() throws IOException {
    start("admin", "s3cret");
    String answer =
        exchange(
            "GET /api/status HTTP/1.1\r\nHost: "
                + host()
                + "\r\nX-Big: "
                + "a".repeat(64 * 1024)
                + "\r\nConnection: close\r\n\r\n");
    assertEquals(431, statusOf(answer), answer.lines().findFirst().orElse(""));
  }
}
