package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Response framing in HTTP mode (RFC 9112 6.3), over real sockets: a server's answers reach the
 * client framed as the server framed them (length, chunks with trailers, the connection's end), no
 * body is read for HEAD, 1xx, 204 and 304, and an answer lbc cannot frame without doubt gets 502.
 * Each test scripts the server's bytes for the requests of one client connection.
 */
class ResponseFramingTest {
  private static final String VIP = "127.0.0.17";
  private static final String SERVER = "127.0.0.47";
  private static final int PORT = 26200;
  private static Engine engine;
  private static ServerSocket backend;

  @BeforeAll
  static void start() throws Exception {
    backend = new ServerSocket();
    backend.bind(new InetSocketAddress(SERVER, PORT));
    engine = HttpFramingTest.startEngine(VIP, PORT, SERVER, new ArrayList<>());
  }

  @AfterAll
  static void stop() throws IOException {
    engine.close();
    backend.close();
  }

  /** One answer as the client read it. */
  record Answer(String status, Map<String, String> headers, String body) {}

  /**
   * Sends {@code requests} one after another on one client connection; the server answers the i-th
   * request it reads with {@code answers[i]} (and closes after the last when {@code close}).
   */
  private static List<Answer> exchange(List<String> requests, List<String> answers, boolean close)
      throws Exception {
    Thread server =
        new Thread(
            () -> {
              try (Socket s = backend.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                for (String a : answers) {
                  head(in);
                  out.write(a.getBytes(StandardCharsets.ISO_8859_1));
                  out.flush();
                }
                if (!close) {
                  in.read(); // until lbc closes
                }
              } catch (IOException e) {
                // lbc closed
              }
            });
    server.start();
    List<Answer> got = new ArrayList<>();
    try (Socket c = new Socket(VIP, PORT)) {
      c.setSoTimeout(5_000);
      InputStream in = c.getInputStream();
      for (String r : requests) {
        c.getOutputStream().write(r.getBytes(StandardCharsets.ISO_8859_1));
        Answer a;
        do {
          try {
            a = read(in, r.startsWith("HEAD "));
          } catch (java.net.SocketException reset) {
            // a request written after lbc closed is answered by a reset: the connection's end
            return got;
          }
          if (a == null) {
            return got;
          }
          got.add(a);
        } while (a.status().startsWith("HTTP/1.1 1"));
      }
    } finally {
      server.join(5_000);
    }
    return got;
  }

  private static String head(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    while (!b.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        return b.length() == 0 ? null : b.toString();
      }
      b.append((char) c);
    }
    return b.toString();
  }

  /** One answer, framed as a client frames it; null at the connection's end. */
  private static Answer read(InputStream in, boolean toHead) throws IOException {
    String head = head(in);
    if (head == null) {
      return null;
    }
    String[] lines = head.split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.merge(
          lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip(),
          (x, y) -> x + " | " + y);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int code = Integer.parseInt(lines[0].substring(9, 12));
    if (toHead || code < 200 || code == 204 || code == 304) {
      // no body
    } else if ("chunked".equals(headers.get("transfer-encoding"))) {
      assertEquals(null, headers.get("content-length"), "one framing: " + head);
      while (true) {
        String size = line(in);
        int n = Integer.parseInt(size, 16);
        if (n == 0) {
          for (String t = line(in); !t.isEmpty(); t = line(in)) {
            headers.put("trailer " + t.substring(0, t.indexOf(':')).toLowerCase(Locale.ROOT), t);
          }
          break;
        }
        body.write(in.readNBytes(n));
        line(in);
      }
    } else if (headers.containsKey("content-length")) {
      assertTrue(!headers.get("content-length").contains("|"), "one Content-Length: " + head);
      body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    } else {
      body.write(in.readAllBytes());
    }
    return new Answer(lines[0], headers, body.toString(StandardCharsets.ISO_8859_1));
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    while (!b.toString().endsWith("\r\n")) {
      b.append((char) in.read());
    }
    return b.substring(0, b.length() - 2);
  }

  private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

  @Test
  void aContentLengthAnswerLeavesTheConnectionReadyForTheNext() throws Exception {
    List<Answer> got =
        exchange(
            List.of(GET, GET),
            List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok"),
            false);
    assertEquals(2, got.size(), got.toString());
    assertEquals("hello", got.get(0).body());
    assertEquals("ok", got.get(1).body());
    assertEquals("2", got.get(1).headers().get("content-length"), "one length for equal ones");
  }

  @Test
  void aChunkedAnswerIsRelayedWithItsTrailers() throws Exception {
    List<Answer> got =
        exchange(
            List.of(GET, GET),
            List.of(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Check: 7\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
            false);
    assertEquals(2, got.size(), got.toString());
    assertEquals("hello world", got.get(0).body());
    assertEquals("X-Check: 7", got.get(0).headers().get("trailer x-check"));
    assertEquals("ok", got.get(1).body());
  }

  @Test
  void anAnswerWithoutLengthEndsWithTheConnection() throws Exception {
    List<Answer> got =
        exchange(List.of(GET), List.of("HTTP/1.1 200 OK\r\n\r\nuntil the end"), true);
    assertEquals(1, got.size(), got.toString());
    assertEquals("until the end", got.get(0).body(), got.toString());
  }

  @Test
  void noBodyIsReadForHead204And304() throws Exception {
    List<Answer> got =
        exchange(
            List.of("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n", GET, GET, GET),
            List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n",
                "HTTP/1.1 204 No Content\r\n\r\n",
                "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
            false);
    assertEquals(4, got.size(), got.toString());
    assertEquals("100", got.get(0).headers().get("content-length"));
    assertTrue(got.get(1).status().startsWith("HTTP/1.1 204"), got.toString());
    assertTrue(got.get(2).status().startsWith("HTTP/1.1 304"), got.toString());
    assertEquals("ok", got.get(3).body());
  }

  @Test
  void anInterimAnswerIsFollowedByTheFinalOne() throws Exception {
    List<Answer> got =
        exchange(
            List.of(GET),
            List.of("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
            false);
    assertEquals(2, got.size(), got.toString());
    assertTrue(got.get(0).status().startsWith("HTTP/1.1 100"), got.toString());
    assertEquals("ok", got.get(1).body());
  }

  @Test
  void answersLbcCannotFrameGet502() throws Exception {
    for (String bad :
        List.of(
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello!",
            "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n",
            "ICY 200 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX-Folded: a\r\n b\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX-Bad : a\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(20_000) + "\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")) {
      List<Answer> got = exchange(List.of(GET), List.of(bad), false);
      assertEquals(1, got.size(), bad + " -> " + got);
      assertTrue(
          got.get(0).status().startsWith("HTTP/1.1 502"), bad.lines().findFirst() + " -> " + got);
    }
  }

  @Test
  void bytesNoRequestAskedForNeverAnswerTheNextRequest() throws Exception {
    // The server answers once and, in the same write, a second time unasked: that second answer
    // must not become the answer to the client's next request (response desync).
    List<Answer> got =
        exchange(
            List.of(GET, GET),
            List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil",
                "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ngood"),
            false);
    // one answer (that read is refused whole: 502) and then the connection's end
    assertEquals(1, got.size(), got.toString());
    assertTrue(got.get(0).status().startsWith("HTTP/1.1 502"), got.toString());
  }

  @Test
  void chunkedThatIsNotTheLastCodingOrAppliedTwiceGets502() throws Exception {
    // lbc relays chunked answers re-chunked and others as they come: "chunked, gzip" would reach
    // the client chunk-framed under a coding list that says the body ends with the connection.
    for (String te :
        List.of(
            "chunked, gzip",
            "chunked, chunked",
            "chunked\r\nTransfer-Encoding: gzip",
            "gzip\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked")) {
      String bad = "HTTP/1.1 200 OK\r\nTransfer-Encoding: " + te + "\r\n\r\n2\r\nok\r\n0\r\n\r\n";
      List<Answer> got = exchange(List.of(GET), List.of(bad), true);
      assertEquals(1, got.size(), te + " -> " + got);
      assertTrue(got.get(0).status().startsWith("HTTP/1.1 502"), te + " -> " + got);
    }
  }

  @Test
  void aCodingOtherThanChunkedEndsWithTheConnectionAndIsRelayedAsIs() throws Exception {
    List<Answer> got =
        exchange(
            List.of(GET),
            List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\nabc"),
            true);
    assertEquals(1, got.size(), got.toString());
    assertEquals("abc", got.get(0).body(), got.toString());
    assertEquals(null, got.get(0).headers().get("content-length"), got.toString());
  }

  @Test
  void switchingProtocolsGets502() throws Exception {
    // lbc's HTTP mode keeps reading the client as HTTP: it cannot relay another protocol, asked
    // for or not.
    for (String req :
        List.of(GET, "GET / HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\nUpgrade: x\r\n\r\n")) {
      List<Answer> got =
          exchange(
              List.of(req),
              List.of(
                  "HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: x\r\n\r\nraw"),
              true);
      assertEquals(1, got.size(), got.toString());
      assertTrue(got.get(0).status().startsWith("HTTP/1.1 502"), got.toString());
    }
  }

  @Test
  void answersSplitByteByByteAreFramedAsWhole() throws Exception {
    String answer =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n0\r\nX-T: 1\r\n\r\n";
    Thread server =
        new Thread(
            () -> {
              try (Socket s = backend.accept()) {
                head(s.getInputStream());
                s.setTcpNoDelay(true);
                OutputStream out = s.getOutputStream();
                for (byte b : answer.getBytes(StandardCharsets.ISO_8859_1)) {
                  out.write(b);
                  out.flush();
                }
                s.getInputStream().read();
              } catch (IOException e) {
                // lbc closed
              }
            });
    server.start();
    try (Socket c = new Socket(VIP, PORT)) {
      c.setSoTimeout(5_000);
      c.getOutputStream().write(GET.getBytes(StandardCharsets.ISO_8859_1));
      Answer a = read(c.getInputStream(), false);
      assertEquals("hello", a.body(), String.valueOf(a));
      assertEquals("X-T: 1", a.headers().get("trailer x-t"), String.valueOf(a));
    } finally {
      server.join(5_000);
    }
  }

  @Test
  void aBareLfInAnAnswerHeadGets502AtOnce() throws Exception {
    // A head ended by bare LFs has no CRLF CRLF: lbc must not wait for one (until timeout server).
    for (String bad :
        List.of(
            "HTTP/1.1 200 OK\nContent-Length: 2\n\nok",
            "HTTP/1.1 200 OK\r\nX-A: 1\nContent-Length: 2\r\n\r\nok")) {
      long since = System.currentTimeMillis();
      List<Answer> got = exchange(List.of(GET), List.of(bad), false);
      assertEquals(1, got.size(), bad + " -> " + got);
      assertTrue(got.get(0).status().startsWith("HTTP/1.1 502"), bad + " -> " + got);
      long took = System.currentTimeMillis() - since;
      assertTrue(took < 1_500, "answered after " + took + " ms (timeout server is 2 s)");
    }
  }

  @Test
  void moreAnswersLbcCannotFrameGet502() throws Exception {
    for (String bad :
        List.of(
            "HTTP/1.1 200 OK\r\nX-Nul: a\0b\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX-Cr: a\rb\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\nok",
            "HTTP/1.1 200 OK\r\nContent-Length: 2,,2\r\n\r\nok",
            "HTTP/1.1 200 OK\r\nContent-Length: 0x2\r\n\r\nok",
            "HTTP/1.1 200 OK\r\n" + "X-Many: 1\r\n".repeat(101) + "Content-Length: 0\r\n\r\n",
            "HTTP/1.1 200\tOK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n",
            "http/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            // a 1xx carries no body: what follows it is no head
            "HTTP/1.1 100 Continue\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0x2\r\nok\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-2\r\nok\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n 2\r\nok\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2x\r\nok\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "10000000000000002\r\nok\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\nok\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;a=\0\r\nok\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n X: folded\r\n\r\n")) {
      List<Answer> got = exchange(List.of(GET), List.of(bad), false);
      assertEquals(1, got.size(), bad + " -> " + got);
      assertTrue(
          got.get(0).status().startsWith("HTTP/1.1 502"), bad.lines().findFirst() + " -> " + got);
    }
  }

  @Test
  void aBodyInTheAnswerToHeadEndsTheConnection() throws Exception {
    // The body bytes are no answer to anything: never relayed as the next request's answer.
    List<Answer> got =
        exchange(
            List.of("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n", GET),
            List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 43\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil",
                "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ngood"),
            false);
    assertEquals(1, got.size(), got.toString());
    assertTrue(got.get(0).status().startsWith("HTTP/1.1 502"), got.toString());
  }

  @Test
  void transferEncodingOverridesContentLength() throws Exception {
    List<Answer> got =
        exchange(
            List.of(GET, GET),
            List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
            false);
    assertEquals(2, got.size(), got.toString());
    assertEquals("hello", got.get(0).body(), got.toString());
    assertEquals("ok", got.get(1).body(), got.toString());
  }
}
