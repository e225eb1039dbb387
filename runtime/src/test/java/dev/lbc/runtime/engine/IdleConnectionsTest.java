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
import java.util.ArrayList;
import java.util.List;
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
    String yaml =
        """
        lbc: 1
        name: idle
        exchange: 2016
        appliances:
          primary: { hostname: lb1, address: 127.0.0.5/8 }
        servers:
          - { name: MBOX1, address: 127.0.0.40 }
        services:
          - name: IDLE
            vip: 127.0.0.12
            ports: [26000]
            mode: snat
            health-check: { type: none }
            timeouts: { client: %1$s, server: %1$s }
            real-servers: [{ server: MBOX1, port: 26000 }]
        """
            .formatted(timeout);
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
          engineObjects <= 1_900,
          engineObjects + " bytes of Netty's and the engine's objects per idle connection");
      // still open: a byte from the client reaches the server
      held.get(0).write(ByteBuffer.wrap(new byte[] {42}));
    } finally {
      for (SocketChannel c : held) {
        close(c);
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
    String histogram =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {null},
                    new String[] {String[].class.getName()});
    long total = 0;
    for (String line : histogram.split("\n")) {
      // "   1:    123    4567  io.netty.channel.DefaultChannelHandlerContext (java.base@17...)"
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4
          && f[0].endsWith(":")
          && (f[3].startsWith("io.netty.") || f[3].startsWith("dev.lbc."))) {
        total += Long.parseLong(f[2]);
      }
    }
    return total;
  }

  private static void close(SocketChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
