package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Lbc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Request framing in HTTP mode (RFC 9112 3.2, 6.1, 6.3), over real sockets: every request in {@code
 * http-framing/refused/} gets 400 and nothing reaches the server; well-framed requests reach it
 * re-framed by lbc, with one X-Forwarded-For list that ends with the client.
 */
class HttpFramingTest {
  static final String VIP = "127.0.0.70";
  static final int PORT = 26600;
  private static final List<String> LOG = new CopyOnWriteArrayList<>();
  private static Warnings warnings;
  private static RecordingBackend backend;
  private static Engine engine;

  @BeforeAll
  static void start() throws Exception {
    warnings = Warnings.install();
    backend = new RecordingBackend("127.0.0.71", PORT);
    engine = startEngine(VIP, PORT, "127.0.0.71", LOG);
  }

  /** An engine serving one HTTP service with X-Forwarded-For on vip:port, to server:port. */
  static Engine startEngine(String vip, int port, String server, List<String> log)
      throws Exception {
    String yaml =
        """
        lbc: 1
        name: framing-test
        exchange: 2016
        appliances:
          primary: { hostname: lb1, address: 127.0.0.5/8 }
        servers:
          - { name: MBOX1, address: %s }
        services:
          - name: WEB
            vip: %s
            ports: [%d]
            mode: snat
            protocol: http
            x-forwarded-for: true
            health-check: { type: none }
            timeouts: { client: 2s, server: 2s }
            real-servers: [{ server: MBOX1 }]
        """
            .formatted(server, vip, port);
    return Engine.start(
        Lbc.plan(yaml),
        BindMap.parse(List.of()),
        log::add,
        new Engine.Options(Path.of("."), 1_000));
  }

  @AfterAll
  static void stop() throws IOException {
    if (engine != null) {
      engine.close();
    }
    backend.close();
    warnings.uninstall();
  }

  @BeforeEach
  void clear() {
    backend.clear();
    warnings.clear();
  }

  @AfterEach
  void noExceptionReachedTheLog() {
    assertTrue(warnings.none(), "logged: " + warnings);
  }

  /** Decodes a test resource: '#' lines are comments, line ends are ignored, escapes give bytes. */
  static byte[] decode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c != '\\') {
          out.write(c);
          continue;
        }
        char e = line.charAt(++i);
        switch (e) {
          case 'r' -> out.write('\r');
          case 'n' -> out.write('\n');
          case 't' -> out.write('\t');
          case '\\' -> out.write('\\');
          case 'x' -> {
            out.write(Integer.parseInt(line.substring(i + 1, i + 3), 16));
            i += 2;
          }
          default -> throw new IllegalArgumentException("unknown escape \\" + e);
        }
      }
    }
    return out.toByteArray();
  }

  /** What lbc answered: everything it sent until it closed, or one whole response. */
  static String exchange(byte[] request) throws IOException {
    return exchange(request, 1);
  }

  /** Sends the request to vip:port; the answer as {@link #readAnswer}. */
  static String exchange(String vip, int port, byte[] request, int quietMs) throws IOException {
    try (Socket s = new Socket(vip, port)) {
      s.setSoTimeout(quietMs);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      return readAnswer(s, 1, quietMs);
    }
  }

  /**
   * What lbc answered: everything until it closed, {@code responses} whole responses came, or a
   * second of quiet.
   */
  static String exchange(byte[] request, int responses) throws IOException {
    try (Socket s = new Socket(VIP, PORT)) {
      s.setSoTimeout(3_000);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      return readAnswer(s, responses, 1_000);
    }
  }

  static String readAnswer(Socket s, int responses, int quietMs) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        got.write(buf, 0, n);
        if (wholeResponses(got.toString(StandardCharsets.ISO_8859_1)) >= responses) {
          break;
        }
        s.setSoTimeout(quietMs);
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // quiet, or reset after lbc's answer: what came is the answer
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }

  /** How many whole responses (each with a Content-Length) the text holds. */
  static int wholeResponses(String text) {
    int count = 0;
    int at = 0;
    while (true) {
      int end = text.indexOf("\r\n\r\n", at);
      if (end < 0) {
        return count;
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *([0-9]+)\r\n")
              .matcher(text.substring(at, end + 2));
      int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
      if (text.length() < end + 4 + length) {
        return count;
      }
      count++;
      at = end + 4 + length;
    }
  }

  /** Waits until lbc has closed every connection it opened to the backend; then all is recorded. */
  static void backendSettled() throws InterruptedException {
    backendSettled(backend);
  }

  static void backendSettled(RecordingBackend backend) throws InterruptedException {
    long start = System.currentTimeMillis();
    while (backend.connections().stream().anyMatch(c -> !c.closed())) {
      assertTrue(System.currentTimeMillis() - start < 5_000, "lbc closed its backend connections");
      Thread.sleep(10);
    }
  }

  @TestFactory
  Stream<DynamicTest> hostileRequestsGet400AndReachNoServer() throws Exception {
    Path dir = Path.of(HttpFramingTest.class.getResource("/http-framing/refused").toURI());
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.toString().endsWith(".http")).sorted().forEach(files::add);
    }
    assertTrue(files.size() > 40, "the hostile requests are found: " + files);
    return DynamicTest.stream(
        files.stream(),
        p -> p.getFileName().toString(),
        p -> {
          clear();
          byte[] request = decode(Files.readString(p, StandardCharsets.ISO_8859_1));
          String answer = exchange(request);
          assertTrue(
              answer.startsWith("HTTP/1.1 400 Bad Request\r\n"),
              "lbc answered " + firstLine(answer) + "; the backend saw:\n" + seen());
          assertTrue(answer.contains("\r\nconnection: close\r\n"), answer);
          backendSettled();
          assertEquals("", seen(), "nothing reaches the server");
          noExceptionReachedTheLog();
        });
  }

  static String firstLine(String answer) {
    int eol = answer.indexOf("\r\n");
    return eol < 0 ? "'" + answer + "'" : answer.substring(0, eol);
  }

  private static String seen() {
    StringBuilder b = new StringBuilder();
    for (RecordingBackend.Connection c : backend.connections()) {
      b.append(new String(c.bytes(), StandardCharsets.ISO_8859_1));
    }
    return b.toString();
  }

  /** The one request the backend saw (asserting there was exactly one, well framed). */
  private static StrictHttp.Request onlyRequest() throws InterruptedException {
    backendSettled();
    List<StrictHttp.Request> all = new ArrayList<>();
    for (RecordingBackend.Connection c : backend.connections()) {
      StrictHttp.Reading r = c.reading();
      assertEquals(null, r.error(), "the backend reads what lbc sent: " + seen());
      assertTrue(!r.incomplete(), "lbc sent a whole request: " + seen());
      all.addAll(r.requests());
    }
    assertEquals(1, all.size(), "one request reached the server: " + seen());
    return all.get(0);
  }

  @Test
  void aChunkedRequestIsForwardedReframed() throws Exception {
    String answer =
        exchange(
            decode(
                "POST /ews/exchange.asmx HTTP/1.1\\r\\nHost: mail.example.com\\r\\n"
                    + "Transfer-Encoding: chunked\\r\\n\\r\\n"
                    + "6;ext=1\\r\\nhello \\r\\n5\\r\\nworld\\r\\n0\\r\\nX-Trailer: t\\r\\n\\r\\n"));
    assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
    StrictHttp.Request r = onlyRequest();
    assertEquals("hello world", new String(r.body(), StandardCharsets.ISO_8859_1));
    assertEquals(List.of("chunked"), r.all("Transfer-Encoding"));
    assertEquals(List.of(), r.all("Content-Length"));
  }

  @Test
  void aContentLengthBodyIsForwarded() throws Exception {
    String answer =
        exchange(
            decode(
                "POST /mapi/emsmdb/ HTTP/1.1\\r\\nHost: mail.example.com\\r\\n"
                    + "Content-Length: 11\\r\\n\\r\\nhello world"));
    assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
    StrictHttp.Request r = onlyRequest();
    assertEquals("hello world", new String(r.body(), StandardCharsets.ISO_8859_1));
    assertEquals(List.of("11"), r.all("Content-Length"));
  }

  @Test
  void severalXForwardedForLinesAreOneListThatEndsWithTheClient() throws Exception {
    String answer =
        exchange(
            decode(
                "GET /owa/ HTTP/1.1\\r\\nHost: mail.example.com\\r\\n"
                    + "X-Forwarded-For: 10.0.0.1\\r\\nAccept: */*\\r\\n"
                    + "x-forwarded-for: 10.0.0.2, 10.0.0.3\\r\\n\\r\\n"));
    assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
    assertEquals(
        List.of("10.0.0.1, 10.0.0.2, 10.0.0.3, 127.0.0.1"), onlyRequest().all("X-Forwarded-For"));
  }

  @Test
  void wellFramedVariantsAreForwarded() throws Exception {
    String[] requests = {
      // HTTP/1.0 needs no Host
      "GET /owa/ HTTP/1.0\\r\\n\\r\\n",
      // RFC 9112 2.2: empty lines before the request line are ignored
      "\\r\\n\\r\\nGET /owa/ HTTP/1.1\\r\\nHost: mail.example.com\\r\\n\\r\\n",
      // transfer-coding names are case-insensitive (RFC 9112 7)
      "POST / HTTP/1.1\\r\\nHost: mail.example.com\\r\\nTransfer-Encoding: Chunked\\r\\n\\r\\n"
          + "2\\r\\nhi\\r\\n0\\r\\n\\r\\n",
      // field names are case-insensitive, values keep obs-text bytes
      "GET /owa/?a=%20b HTTP/1.1\\r\\nhOsT: [::1]:443\\r\\nX-Name: Ren\\xe9\\r\\n\\r\\n",
      "GET /owa/ HTTP/1.1\\r\\nHost: \\r\\nContent-Length: 0\\r\\n\\r\\n",
    };
    for (String text : requests) {
      clear();
      String answer = exchange(decode(text));
      assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), text + " got " + firstLine(answer));
      onlyRequest();
    }
  }

  @Test
  void aBadChunkInALaterPacketCutsTheServerConnectionMidBody() throws Exception {
    try (Socket s = new Socket(VIP, PORT)) {
      s.setSoTimeout(3_000);
      s.getOutputStream()
          .write(
              decode(
                  "POST /ews/ HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n"
                      + "5\\r\\nhello\\r\\n"));
      long start = System.currentTimeMillis();
      while (!seen().contains("hello")) {
        assertTrue(
            System.currentTimeMillis() - start < 3_000, "the first chunk reached the server");
        Thread.sleep(10);
      }
      s.getOutputStream().write(decode("zz\\r\\nsmuggled\\r\\n0\\r\\n\\r\\n"));
      String answer = readAnswer(s, 1, 1_000);
      assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
    }
    backendSettled();
    for (RecordingBackend.Connection c : backend.connections()) {
      StrictHttp.Reading r = c.reading();
      assertEquals(null, r.error(), seen());
      assertEquals(List.of(), r.requests(), "no request was completed at the server: " + seen());
    }
    assertTrue(!seen().contains("smuggled"), seen());
  }

  @Test
  void aRequestSentAByteAtATimeIsForwarded() throws Exception {
    byte[] request =
        decode(
            "\\r\\nPOST /ews/ HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n"
                + "5\\r\\nhello\\r\\n0\\r\\n\\r\\n");
    try (Socket s = new Socket(VIP, PORT)) {
      s.setTcpNoDelay(true);
      s.setSoTimeout(3_000);
      for (byte b : request) {
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
      }
      String answer = readAnswer(s, 1, 1_000);
      assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
    }
    assertEquals("hello", new String(onlyRequest().body(), StandardCharsets.ISO_8859_1));
  }

  @Test
  void pipelinedRequestsAreEachForwarded() throws Exception {
    String answer =
        exchange(
            decode(
                "POST /a HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 2\\r\\n\\r\\nhi"
                    + "POST /b HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n"
                    + "2\\r\\nho\\r\\n0\\r\\n\\r\\n"
                    + "GET /c HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"),
            3);
    assertTrue(answer.contains("target: /a\n"), answer);
    assertTrue(answer.contains("target: /b\n"), answer);
    assertTrue(answer.contains("target: /c\n"), answer);
  }
}
