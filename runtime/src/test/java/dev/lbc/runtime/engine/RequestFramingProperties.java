package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The HTTP engine's request parser under random mutations of valid requests (byte flips and
 * insertions, duplicated field lines, CRLF/LF/CR swaps, Transfer-Encoding and Content-Length games,
 * control bytes, truncation, a second request behind the first), over real sockets. Each mutated
 * request is answered or refused, never forwarded ambiguously: whatever reaches the server reads as
 * well-framed requests to a strict reader, each with lbc's X-Forwarded-For; a request a strict
 * reader accepts is forwarded; and no exception reaches the log.
 */
class RequestFramingProperties {
  private static final String VIP = "127.0.0.72";
  private static final int PORT = 26700;
  private static Warnings warnings;
  private static RecordingBackend backend;
  private static Engine engine;

  @BeforeContainer
  static void start() throws Exception {
    warnings = Warnings.install();
    backend = new RecordingBackend("127.0.0.73", PORT);
    engine = HttpFramingTest.startEngine(VIP, PORT, "127.0.0.73", new CopyOnWriteArrayList<>());
  }

  @AfterContainer
  static void stop() throws Exception {
    if (engine != null) {
      engine.close();
    }
    if (backend != null) {
      backend.close();
    }
    warnings.uninstall();
  }

  private static final String[] VALID = {
    "GET /owa/ HTTP/1.1\r\nHost: mail.example.com\r\nAccept: */*\r\n\r\n",
    "POST /ews/exchange.asmx HTTP/1.1\r\nHost: mail.example.com\r\nContent-Length: 5\r\n\r\nhello",
    "POST /mapi/emsmdb/ HTTP/1.1\r\nHost: mail.example.com\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;x=1\r\nhello\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n",
    "GET /rpc/ HTTP/1.0\r\nUser-Agent: test\r\n\r\n",
    "GET /owa/ HTTP/1.1\r\nHost: mail.example.com\r\nX-Forwarded-For: 10.0.0.1\r\n"
        + "X-Forwarded-For: 10.0.0.2\r\n\r\n",
  };

  /** Field lines for the Transfer-Encoding / Content-Length / Host games. */
  private static final String[] GAMES = {
    "Transfer-Encoding: chunked",
    "Transfer-Encoding: gzip, chunked",
    "Transfer-Encoding: chunked, identity",
    "Transfer-Encoding : chunked",
    " Transfer-Encoding: chunked",
    "Transfer-Encoding:\tchunked",
    "Content-Length: 3",
    "Content-Length: 0",
    "Content-Length: 5, 5",
    "Host: evil.example.net",
    "X-Forwarded-For: 127.0.0.1",
    "Expect: 100-continue",
  };

  private static final byte[] INTERESTING = {
    0, '\r', '\n', ' ', '\t', ':', ',', ';', 0x0b, 0x7f, (byte) 0xff, '0', '5', 'a', 'f', 'G'
  };

  /** One mutation: its kind and two random numbers it uses as it needs. */
  record Mutation(int kind, int a, int b) {}

  @Provide
  Arbitrary<byte[]> requests() {
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 1 << 20))
            .as(Mutation::new);
    return Combinators.combine(
            Arbitraries.integers().between(0, VALID.length - 1),
            mutation.list().ofMinSize(0).ofMaxSize(3))
        .as(
            (template, mutations) -> {
              byte[] r = VALID[template].getBytes(StandardCharsets.ISO_8859_1);
              for (Mutation m : mutations) {
                r = apply(r, m);
              }
              return r;
            });
  }

  static byte[] apply(byte[] r, Mutation m) {
    String s = new String(r, StandardCharsets.ISO_8859_1);
    int at = r.length == 0 ? 0 : m.a() % r.length;
    byte interesting = INTERESTING[m.b() % INTERESTING.length];
    switch (m.kind()) {
      case 0 -> { // flip a byte
        byte[] copy = r.clone();
        if (copy.length > 0) {
          copy[at] = m.b() % 2 == 0 ? interesting : (byte) m.b();
        }
        return copy;
      }
      case 1 -> { // insert a byte
        return splice(r, at, at, new byte[] {interesting});
      }
      case 2 -> { // delete a byte
        return r.length == 0 ? r : splice(r, at, at + 1, new byte[0]);
      }
      case 3 -> { // duplicate a field line
        List<int[]> lines = lines(s);
        if (lines.size() < 2) {
          return r;
        }
        int[] line = lines.get(1 + m.a() % (lines.size() - 1));
        return splice(
            r,
            line[1],
            line[1],
            s.substring(line[0], line[1]).getBytes(StandardCharsets.ISO_8859_1));
      }
      case 4 -> { // CRLF -> LF, CRLF -> CR, or LF -> CRLF, at one place
        int crlf = nth(s, "\r\n", m.a());
        if (crlf < 0) {
          return r;
        }
        byte[] with =
            switch (m.b() % 3) {
              case 0 -> new byte[] {'\n'};
              case 1 -> new byte[] {'\r'};
              default -> new byte[] {'\r', '\n', '\n'};
            };
        return splice(r, crlf, crlf + 2, with);
      }
      case 5 -> { // a Transfer-Encoding / Content-Length / Host game after the request line
        int eol = s.indexOf("\r\n");
        if (eol < 0) {
          return r;
        }
        String line = GAMES[m.b() % GAMES.length] + "\r\n";
        return splice(r, eol + 2, eol + 2, line.getBytes(StandardCharsets.ISO_8859_1));
      }
      case 6 -> { // truncate
        return splice(r, at, r.length, new byte[0]);
      }
      case 7 -> { // a second request behind the first
        return splice(
            r,
            r.length,
            r.length,
            "GET /smuggled HTTP/1.1\r\nHost: mail.example.com\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
      }
      default -> { // a control byte in the request line
        int eol = Math.max(1, s.indexOf("\r\n"));
        int pos = m.a() % eol;
        return splice(r, pos, pos, new byte[] {(byte) (m.b() % 0x20)});
      }
    }
  }

  private static byte[] splice(byte[] r, int from, int to, byte[] with) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(r, 0, from);
    out.write(with, 0, with.length);
    out.write(r, to, r.length - to);
    return out.toByteArray();
  }

  /** The [start, end) of each CRLF-ended line of the head, CRLF included. */
  private static List<int[]> lines(String s) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    for (int eol = s.indexOf("\r\n"); eol > start; eol = s.indexOf("\r\n", start)) {
      out.add(new int[] {start, eol + 2});
      start = eol + 2;
    }
    return out;
  }

  private static int nth(String s, String what, int n) {
    List<Integer> all = new ArrayList<>();
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      all.add(i);
    }
    return all.isEmpty() ? -1 : all.get(n % all.size());
  }

  @Property(tries = 300)
  void answeredOrRefusedNeverForwardedAmbiguously(@ForAll("requests") byte[] request)
      throws Exception {
    backend.clear();
    warnings.clear();
    StrictHttp.Reading strict = StrictHttp.read(request);
    boolean valid = strict.error() == null && !strict.requests().isEmpty();
    Statistics.collect(valid ? "well framed" : strict.error() != null ? "malformed" : "incomplete");
    // A request a strict reader accepts must be answered; others may leave lbc waiting for more.
    String answer = HttpFramingTest.exchange(VIP, PORT, request, valid ? 5_000 : 250);
    HttpFramingTest.backendSettled(backend);
    String shown = show(request);

    for (RecordingBackend.Connection c : backend.connections()) {
      StrictHttp.Reading seen = c.reading();
      assertEquals(
          null,
          seen.error(),
          "the server got ambiguous bytes for " + shown + ":\n" + show(c.bytes()));
      for (StrictHttp.Request r : seen.requests()) {
        List<String> xff = r.all("X-Forwarded-For");
        assertEquals(1, xff.size(), "one X-Forwarded-For for " + shown);
        assertTrue(
            xff.get(0).equals("127.0.0.1") || xff.get(0).endsWith(", 127.0.0.1"),
            "X-Forwarded-For ends with the client for " + shown + ": " + xff);
      }
    }
    if (!answer.isEmpty()) {
      boolean refused =
          answer.matches("(?s)HTTP/1\\.1 (400 Bad Request|505 HTTP Version Not Supported)\r\n.*")
              && !answer.contains("X-Backend");
      boolean served = answer.startsWith("HTTP/1.1 200 OK\r\nX-Backend: recorder\r\n");
      assertTrue(
          refused || served,
          "for " + shown + " lbc answered " + show(answer.getBytes(StandardCharsets.ISO_8859_1)));
      assertTrue(!refused || !valid, "a well-framed request was refused: " + shown);
    }
    if (valid) {
      assertTrue(
          answer.startsWith("HTTP/1.1 200 OK\r\nX-Backend: recorder\r\n"),
          "a well-framed request was not forwarded: " + shown + "; lbc answered '" + answer + "'");
    }
    assertTrue(warnings.none(), "logged: " + warnings);
  }

  private static String show(byte[] b) {
    StringBuilder out = new StringBuilder();
    for (byte x : b) {
      int c = x & 0xff;
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            out.append(String.format("\\x%02x", c));
          } else {
            out.append((char) c);
          }
        }
      }
    }
    return out.toString();
  }
}
