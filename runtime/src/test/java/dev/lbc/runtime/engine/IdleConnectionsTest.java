package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.testsupport.Lbc;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Long-lived idle connections (Exchange keeps them for up to 30 minutes) cost little: thousands
 * held through the engine add only a few KiB of heap each and stay open, while with a short timeout
 * idle connections are reaped. (This machine caps a process at 20,000 file descriptors; a proxied
 * connection takes four in this test's process, so 4,000 is the most it can hold.)
 */
class IdleConnectionsTest {
  private static Plan plan(String timeout) {
    return plan("tcp", "127.0.0.12", "127.0.0.40", 26000, timeout);
  }

  /**
   * One service on {@code vip}:{@code port} in front of one server, {@code server}:{@code port}.
   */
  private static Plan plan(String protocol, String vip, String server, int port, String timeout) {
    String yaml =
        """
        lbc: 1
        name: idle
        exchange: 2016
        appliances:
          primary: { hostname: lb1, address: 127.0.0.5/8 }
        servers:
          - { name: MBOX1, address: %2$s }
        services:
          - name: IDLE
            vip: %1$s
            ports: [%3$d]
            mode: snat
            protocol: %5$s
            health-check: { type: none }
            timeouts: { client: %4$s, server: %4$s }
            real-servers: [{ server: MBOX1, port: %3$d }]
        """
            .formatted(vip, server, port, timeout, protocol);
    return Lbc.plan(yaml);
  }

  @Test
  void thousandsOfIdleConnectionsCostLittleAndStayOpen() throws Exception {
    int n = 4000;
    List<SocketChannel> held = new ArrayList<>();
    try (ServerSocketChannel backend = ServerSocketChannel.open();
        Engine engine = Engine.start(plan("30m"), BindMap.parse(List.of()), s -> {})) {
      backend.bind(new InetSocketAddress("127.0.0.40", 26000), 8192);
      backend.configureBlocking(false);
      long before = usedHeap();
      long engineBefore = engineObjectBytes();
      for (int i = 0; i < n; i++) {
        SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.12", 26000));
        held.add(c);
        SocketChannel accepted;
        while ((accepted = backend.accept()) != null) {
          held.add(accepted);
        }
      }
      long deadline = System.currentTimeMillis() + 20_000;
      while (held.size() < 2 * n && System.currentTimeMillis() < deadline) {
        SocketChannel accepted = backend.accept();
        if (accepted == null) {
          Thread.sleep(10);
        } else {
          held.add(accepted);
        }
      }
      assertEquals(2 * n, held.size(), "every connection reached the server");
      long perConnection = (usedHeap() - before) / n;
      long engineObjects = (engineObjectBytes() - engineBefore) / n;
      System.out.printf(
          "idle connections: %d held, about %d bytes of heap each, %d of them Netty's and the"
              + " engine's objects%n",
          n, perConnection, engineObjects);
      assertTrue(perConnection < 16 * 1024, perConnection + " bytes per idle connection");
      // The engine's own part, counted exactly (live objects of Netty's and lbc's classes, from a
      // class histogram): two channels, their pipelines and one timer for the pair. HAProxy holds
      // a whole idle proxied connection in about 2 KB (docs/performance.md).
      assertTrue(
          engineObjects <= 1_840,
          engineObjects + " bytes of Netty's and the engine's objects per idle connection");
      // still open: a byte from the client reaches the server
      held.get(0).write(ByteBuffer.wrap(new byte[] {42}));
    } finally {
      for (SocketChannel c : held) {
        close(c);
      }
    }
  }

  /**
   * HTTP mode, each connection kept alive after one request and its answer, as Outlook and
   * ActiveSync clients hold them: the engine's objects per idle pair, counted exactly (the JDK's
   * lists too). Netty's two channels are most of it; lbc's two handlers, its timer's place and the
   * pair's state the rest (docs/performance.md, "Live heap per idle proxied connection").
   */
  @Test
  void idleKeptAliveHttpConnectionsCostLittle() throws Exception {
    int n = 2000;
    List<SocketChannel> held = new ArrayList<>(2 * n);
    byte[] request = "GET /owa/ HTTP/1.1\r\nHost: mail\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] answer =
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buf = ByteBuffer.allocate(4096);
    try (ServerSocketChannel backend = ServerSocketChannel.open();
        Engine engine =
            Engine.start(
                plan("http", "127.0.0.13", "127.0.0.41", 26010, "30m"),
                BindMap.parse(List.of()),
                s -> {},
                // the next request head may take as long as the test does
                new Engine.Options(Path.of("."), 600_000))) {
      backend.bind(new InetSocketAddress("127.0.0.41", 26010), 8192);
      awaitNoConnections();
      long engineBefore = engineObjectBytes(HTTP_COUNTED);
      for (int i = 0; i < n; i++) {
        SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.13", 26010));
        held.add(client);
        client.write(ByteBuffer.wrap(request));
        SocketChannel server = backend.accept();
        held.add(server);
        readUntil(server, buf, "\r\n\r\n");
        server.write(ByteBuffer.wrap(answer));
        readUntil(client, buf, "\r\n\r\nok");
      }
      long engineObjects = (engineObjectBytes(HTTP_COUNTED) - engineBefore) / n;
      System.out.printf(
          "idle HTTP connections: %d held, %d bytes of the engine's objects each%n",
          n, engineObjects);
      assertTrue(
          engineObjects <= 2_250,
          engineObjects + " bytes of the engine's objects per idle kept-alive HTTP connection");
      // still open and kept alive: a second request on the first connection is answered
      held.get(0).write(ByteBuffer.wrap(request));
      readUntil(held.get(1), buf, "\r\n\r\n");
      held.get(1).write(ByteBuffer.wrap(answer));
      readUntil(held.get(0), buf, "\r\n\r\nok");
    } finally {
      for (SocketChannel c : held) {
        close(c);
      }
    }
  }

  /** Reads (blocking) until what was read ends with {@code end}. */
  private static void readUntil(SocketChannel c, ByteBuffer buf, String end) throws IOException {
    buf.clear();
    while (true) {
      if (c.read(buf) < 0) {
        throw new AssertionError("closed before " + end.strip());
      }
      String got = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
      if (got.endsWith(end)) {
        return;
      }
    }
  }

  @Test
  void idleConnectionsAreReapedAfterTheTimeout() throws Exception {
    // The server listens before the client connects: otherwise the engine's connect is refused
    // and the server would wait for a connection that never comes.
    try (ServerSocketChannel backend = ServerSocketChannel.open();
        Engine engine = Engine.start(plan("1s"), BindMap.parse(List.of()), s -> {})) {
      backend.bind(new InetSocketAddress("127.0.0.40", 26000));
      backend.configureBlocking(false);
      try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.12", 26000));
          SocketChannel server = acceptWithin(backend, 5_000)) {
        long start = System.currentTimeMillis();
        int read = client.read(ByteBuffer.allocate(1));
        long took = System.currentTimeMillis() - start;
        assertEquals(-1, read, "closed by the engine");
        assertTrue(took >= 800 && took < 5_000, "reaped after " + took + " ms");
      }
    }
  }

  private static SocketChannel acceptWithin(ServerSocketChannel backend, long ms)
      throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < deadline) {
      SocketChannel accepted = backend.accept();
      if (accepted != null) {
        return accepted;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the engine never connected to the server within " + ms + " ms");
  }

  private static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /**
   * The live bytes of Netty's and lbc's objects, from a class histogram (the JVM collects first, as
   * {@code jcmd GC.class_histogram} does): this test's own sockets are the JDK's, so they are not
   * counted; arrays and JDK objects the engine holds are not either, so this is a lower bound.
   */
  private static long engineObjectBytes() throws Exception {
    return engineObjectBytes(c -> c.startsWith("io.netty.") || c.startsWith("dev.lbc."));
  }

  /**
   * Netty's and lbc's classes, and the JDK's lists the request path leaves behind if anything does
   * (this test's own sockets hold JDK objects too: locks, addresses, and arrays of every kind, so
   * those are not counted).
   */
  private static final Predicate<String> HTTP_COUNTED =
      c ->
          c.startsWith("io.netty.")
              || c.startsWith("dev.lbc.")
              || c.equals("java.util.ArrayList")
              || c.equals("java.util.ArrayDeque");

  /**
   * Waits until no connection of an engine an earlier test closed is left: its objects going
   * between the two counts would be taken off this one's.
   */
  private static void awaitNoConnections() throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (histogram().lines().anyMatch(IdleConnectionsTest::liveConnections)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("an earlier test's connections are still open");
      }
      Thread.sleep(100);
    }
  }

  /** A histogram line of Netty's connections (not listening sockets) with any left. */
  private static boolean liveConnections(String line) {
    String[] f = line.trim().split("\\s+");
    return f.length >= 4
        && f[3].startsWith("io.netty.channel.")
        && f[3].endsWith("SocketChannel")
        && !f[3].endsWith("ServerSocketChannel");
  }

  private static long engineObjectBytes(Predicate<String> counted) throws Exception {
    long total = 0;
    for (String line : histogram().split("\n")) {
      // "   1:    123    4567  io.netty.channel.DefaultChannelHandlerContext (java.base@17...)"
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":") && counted.test(f[3])) {
        total += Long.parseLong(f[2]);
      }
    }
    return total;
  }

  /**
   * The live objects by class (the JVM collects first, as {@code jcmd GC.class_histogram} does).
   */
  private static String histogram() throws Exception {
    return (String)
        ManagementFactory.getPlatformMBeanServer()
            .invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram",
                new Object[] {null},
                new String[] {String[].class.getName()});
  }

  private static void close(SocketChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
