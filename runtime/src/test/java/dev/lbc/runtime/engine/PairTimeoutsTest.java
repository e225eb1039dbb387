package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Lbc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timeouts of a proxied connection pair, as HAProxy's: {@code timeout client} is the client
 * side's inactivity, {@code timeout server} the server side's while it owes an answer (HTTP mode);
 * in TCP mode either side's silence is the pair's. Traffic keeps a pair open past its timeouts.
 */
class PairTimeoutsTest {
  private static final String VIP = "127.0.0.16";
  private static final String SERVER = "127.0.0.46";
  private static final int PORT = 26100;

  private static Engine engine(String protocol, String client, String server) throws Exception {
    return engine(protocol, client, server, s -> {});
  }

  private static Engine engine(
      String protocol, String client, String server, java.util.function.Consumer<String> log)
      throws Exception {
    return engine(protocol, client, server, log, Engine.Options.DEFAULT);
  }

  private static Engine engine(
      String protocol,
      String client,
      String server,
      java.util.function.Consumer<String> log,
      Engine.Options options)
      throws Exception {
    String yaml =
        """
        lbc: 1
        name: timeouts
        exchange: 2016
        appliances:
          primary: { hostname: lb1, address: 127.0.0.5/8 }
        servers:
          - { name: MBOX1, address: %s }
        services:
          - name: T
            vip: %s
            ports: [%d]
            mode: snat
            protocol: %s
            health-check: { type: none }
            timeouts: { client: %s, server: %s }
            real-servers: [{ server: MBOX1, port: %d }]
        """
            .formatted(SERVER, VIP, PORT, protocol, client, server, PORT);
    return Engine.start(Lbc.plan(yaml), BindMap.parse(List.of()), log, options);
  }

  private static ServerSocket backend() throws IOException {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress(SERVER, PORT));
    s.setSoTimeout(5_000);
    return s;
  }

  /** Reads until the end of the stream; the milliseconds it took from {@code since}. */
  private static long closedAfter(Socket s, long since) throws IOException {
    s.setSoTimeout(6_000);
    InputStream in = s.getInputStream();
    try {
      while (in.read() >= 0) {
        // what is left of an answer
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("still open after 6 s", e);
    }
    return System.currentTimeMillis() - since;
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    while (!b.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new AssertionError("closed after " + b);
      }
      b.append((char) c);
    }
    return b.toString();
  }

  @Test
  void httpServerThatOwesAnAnswerIsGivenTimeoutServer() throws Exception {
    try (ServerSocket backend = backend();
        Engine e = engine("http", "30m", "1s");
        Socket client = new Socket(VIP, PORT)) {
      client.getOutputStream().write(get());
      try (Socket server = backend.accept()) {
        readHead(server.getInputStream());
        long since = System.currentTimeMillis();
        long took = closedAfter(client, since);
        assertTrue(took >= 800 && took < 4_000, "closed after " + took + " ms");
      }
    }
  }

  @Test
  void httpKeptAliveConnectionOutlivesTimeoutServerWhenNothingIsOwed() throws Exception {
    try (ServerSocket backend = backend();
        Engine e = engine("http", "30m", "1s");
        Socket client = new Socket(VIP, PORT)) {
      client.setSoTimeout(5_000);
      OutputStream out = client.getOutputStream();
      out.write(get());
      try (Socket server = backend.accept()) {
        readHead(server.getInputStream());
        server.getOutputStream().write(ok());
        assertTrue(readHead(client.getInputStream()).startsWith("HTTP/1.1 200"));
        client.getInputStream().readNBytes(2);
        // Idle for twice the server timeout, within the 10 s the next head may take.
        Thread.sleep(2_200);
        out.write(get());
        readHead(server.getInputStream());
        server.getOutputStream().write(ok());
        assertTrue(readHead(client.getInputStream()).startsWith("HTTP/1.1 200"));
      }
    }
  }

  @Test
  void httpClientSilentInItsBodyIsGivenTimeoutClient() throws Exception {
    try (ServerSocket backend = backend();
        Engine e = engine("http", "1s", "30m");
        Socket client = new Socket(VIP, PORT)) {
      client
          .getOutputStream()
          .write(
              "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab"
                  .getBytes(StandardCharsets.US_ASCII));
      try (Socket server = backend.accept()) {
        long since = System.currentTimeMillis();
        long took = closedAfter(client, since);
        assertTrue(took >= 800 && took < 4_000, "closed after " + took + " ms");
      }
    }
  }

  @Test
  void tcpTrafficEitherWayKeepsThePairOpenAndSilenceEndsIt() throws Exception {
    try (ServerSocket backend = backend();
        Engine e = engine("tcp", "30m", "1s");
        Socket client = new Socket(VIP, PORT);
        Socket server = backend.accept()) {
      client.setSoTimeout(5_000);
      // 2.4 s of traffic, a byte every 300 ms, alternately each way: past the 1 s timeout
      for (int i = 0; i < 8; i++) {
        Socket from = i % 2 == 0 ? client : server;
        Socket to = i % 2 == 0 ? server : client;
        from.getOutputStream().write(i);
        to.setSoTimeout(5_000);
        assertEquals(i, to.getInputStream().read(), "byte " + i + " relayed");
        Thread.sleep(300);
      }
      long took = closedAfter(client, System.currentTimeMillis());
      assertTrue(took >= 500 && took < 4_000, "closed after " + took + " ms of silence");
    }
  }

  @Test
  void aConnectThatHangsIsGivenUpAfterFiveSeconds() throws Exception {
    // A server whose accept queue is full: Linux drops further SYNs, so a connect hangs.
    List<Socket> queued = new java.util.ArrayList<>();
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ServerSocket full = new ServerSocket()) {
      full.bind(new InetSocketAddress(SERVER, PORT), 1);
      while (true) {
        Socket s = new Socket();
        queued.add(s);
        try {
          s.connect(new InetSocketAddress(SERVER, PORT), 300);
        } catch (SocketTimeoutException e) {
          break;
        }
      }
      try (Engine e = engine("http", "30m", "30m", log::add);
          Socket client = new Socket(VIP, PORT)) {
        long since = System.currentTimeMillis();
        client.getOutputStream().write(get());
        client.setSoTimeout(10_000);
        String head = readHead(client.getInputStream());
        long took = System.currentTimeMillis() - since;
        assertTrue(head.startsWith("HTTP/1.1 503"), head);
        assertTrue(took >= 4_500 && took < 9_000, "answered after " + took + " ms");
        assertTrue(
            log.stream().anyMatch(l -> l.contains("failed connect: connection timed out")),
            String.join("\n", log));
      }
    } finally {
      for (Socket s : queued) {
        s.close();
      }
    }
  }

  /** Sockets of this host in SYN-SENT towards SERVER:PORT (Linux /proc/net/tcp and tcp6). */
  private static long connectsUnderWay() throws IOException {
    // 127.0.0.46 as /proc/net/tcp writes it: the address's bytes in host (little-endian) order;
    // a dual-stack socket (Java's default) is in tcp6, as ::ffff:127.0.0.46
    String remote = String.format("2E00007F:%04X", PORT);
    long n = 0;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of(table))) {
        n +=
            lines
                .map(l -> l.trim().split("\\s+"))
                .filter(f -> f.length > 3 && f[2].endsWith(remote) && f[3].equals("02"))
                .count();
      }
    }
    return n;
  }

  /** Waits up to {@code ms} for {@code count} connects under way; the last count seen. */
  private static long awaitConnects(long count, long ms) throws Exception {
    long until = System.currentTimeMillis() + ms;
    long seen = connectsUnderWay();
    while (seen != count && System.currentTimeMillis() < until) {
      Thread.sleep(20);
      seen = connectsUnderWay();
    }
    return seen;
  }

  @Test
  void aConnectIsAbandonedWhenItsClientLeaves() throws Exception {
    List<Socket> queued = new java.util.ArrayList<>();
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ServerSocket full = new ServerSocket()) {
      full.bind(new InetSocketAddress(SERVER, PORT), 1);
      while (true) {
        Socket s = new Socket();
        queued.add(s);
        try {
          s.connect(new InetSocketAddress(SERVER, PORT), 300);
        } catch (SocketTimeoutException e) {
          break;
        }
      }
      try (Engine e = engine("http", "30m", "30m", log::add)) {
        long before = connectsUnderWay();
        try (Socket client = new Socket(VIP, PORT)) {
          client.getOutputStream().write(get());
          assertEquals(before + 1, awaitConnects(before + 1, 3_000), "lbc's connect hangs");
          // a reset, not a FIN: a FIN could be a half-close, after which the answer is awaited
          client.setSoLinger(true, 0);
        }
        // the client has left: nothing is left to connect for (the connect timeout is 5 s)
        assertEquals(before, awaitConnects(before, 2_000), "connects still under way");
        assertTrue(
            log.stream().noneMatch(l -> l.contains("failed connect")), String.join("\n", log));
      }
    } finally {
      for (Socket s : queued) {
        s.close();
      }
    }
  }

  @Test
  void aSlowUploadWithinBothTimeoutsIsNotCut() throws Exception {
    try (ServerSocket backend = backend();
        Engine e = engine("http", "1s", "1s");
        Socket client = new Socket(VIP, PORT)) {
      client.setSoTimeout(5_000);
      OutputStream out = client.getOutputStream();
      out.write(
          "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      try (Socket server = backend.accept()) {
        server.setSoTimeout(5_000);
        InputStream fromLbc = server.getInputStream();
        readHead(fromLbc);
        // 2.4 s of body, a part every 600 ms: each side active within its 1 s timeout
        for (String part : List.of("ab", "cd", "ef", "gh")) {
          Thread.sleep(600);
          out.write(part.getBytes(StandardCharsets.US_ASCII));
          assertEquals(part, new String(fromLbc.readNBytes(2), StandardCharsets.US_ASCII));
        }
        server.getOutputStream().write(ok());
        assertTrue(readHead(client.getInputStream()).startsWith("HTTP/1.1 200"));
      }
    }
  }

  /** An HTTP engine whose next request head must come within 1 s. */
  private static Engine headerDeadlineEngine() throws Exception {
    return engine("http", "30m", "30m", l -> {}, new Engine.Options(null, 1_000));
  }

  @Test
  void aPipelinedRequestWithASlowAnswerIsNotCutByTheHeaderDeadline() throws Exception {
    try (ServerSocket backend = backend();
        Engine e = headerDeadlineEngine();
        Socket client = new Socket(VIP, PORT)) {
      client.setSoTimeout(5_000);
      // two requests in one write: the second's head has come, no head deadline may run for it
      client
          .getOutputStream()
          .write(
              (new String(get(), StandardCharsets.US_ASCII).repeat(2))
                  .getBytes(StandardCharsets.US_ASCII));
      try (Socket server = backend.accept()) {
        readHead(server.getInputStream());
        readHead(server.getInputStream());
        server.getOutputStream().write(ok());
        assertTrue(readHead(client.getInputStream()).startsWith("HTTP/1.1 200"));
        assertEquals(
            "ok", new String(client.getInputStream().readNBytes(2), StandardCharsets.US_ASCII));
        // the second answer takes twice the header timeout: timeout server (30m) is its limit
        Thread.sleep(2_000);
        server.getOutputStream().write(ok());
        assertTrue(readHead(client.getInputStream()).startsWith("HTTP/1.1 200"));
      }
    }
  }

  @Test
  void aBodyStillUploadingAfterAnEarlyAnswerIsNotCutByTheHeaderDeadline() throws Exception {
    try (ServerSocket backend = backend();
        Engine e = headerDeadlineEngine();
        Socket client = new Socket(VIP, PORT)) {
      client.setSoTimeout(5_000);
      OutputStream out = client.getOutputStream();
      out.write(
          "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nab"
              .getBytes(StandardCharsets.US_ASCII));
      try (Socket server = backend.accept()) {
        InputStream fromLbc = server.getInputStream();
        readHead(fromLbc);
        assertEquals("ab", new String(fromLbc.readNBytes(2), StandardCharsets.US_ASCII));
        // the server answers before the body has all come, as a server may (RFC 9112 9.3)
        server.getOutputStream().write(ok());
        assertTrue(readHead(client.getInputStream()).startsWith("HTTP/1.1 200"));
        client.getInputStream().readNBytes(2);
        // the rest of the body, slowly: 1.6 s in all, past the 1 s header timeout
        for (String part : List.of("cd", "ef")) {
          Thread.sleep(800);
          out.write(part.getBytes(StandardCharsets.US_ASCII));
          server.setSoTimeout(5_000);
          assertEquals(part, new String(fromLbc.readNBytes(2), StandardCharsets.US_ASCII));
        }
        out.write(get());
        readHead(fromLbc);
        server.getOutputStream().write(ok());
        assertTrue(readHead(client.getInputStream()).startsWith("HTTP/1.1 200"));
      }
    }
  }

  @Test
  void theHeaderDeadlineStillEndsAKeptAliveConnectionWithoutANextRequest() throws Exception {
    try (ServerSocket backend = backend();
        Engine e = headerDeadlineEngine();
        Socket client = new Socket(VIP, PORT)) {
      client.setSoTimeout(5_000);
      client.getOutputStream().write(get());
      try (Socket server = backend.accept()) {
        readHead(server.getInputStream());
        server.getOutputStream().write(ok());
        assertTrue(readHead(client.getInputStream()).startsWith("HTTP/1.1 200"));
        client.getInputStream().readNBytes(2);
        long took = closedAfter(client, System.currentTimeMillis());
        assertTrue(took >= 700 && took < 4_000, "closed after " + took + " ms");
      }
    }
  }

  private static byte[] get() {
    return "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] ok() {
    return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
  }
}
