package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Lbc;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * TCP mode holds a bounded amount per connection: a client that sends to a server that never reads
 * is stopped by the kernel's buffers and the engine's high-water mark, however long it sends.
 * Without backpressure the engine would read all of it into memory.
 */
class TcpBackpressureTest {
  private static final String VIP = "127.0.0.74";
  private static final String SERVER = "127.0.0.75";
  private static final int PORT = 26620;
  // kernel buffers on three sockets plus Netty's 64 KiB mark are a few MiB; far below this
  private static final long BOUND = 64L << 20;

  @Test
  void aClientSendingToAServerThatDoesNotReadIsHeldBack() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    try (ServerSocket server = new ServerSocket(PORT, 5, InetAddress.getByName(SERVER));
        Engine engine = tcpEngine("backpressure-test", VIP, SERVER, PORT, log);
        SocketChannel client = SocketChannel.open(new InetSocketAddress(VIP, PORT))) {
      try (Socket accepted = server.accept()) { // and never read
        client.configureBlocking(false);
        ByteBuffer chunk = ByteBuffer.allocate(64 << 10);
        long sent = 0;
        long lastProgress = System.nanoTime();
        long deadline = System.nanoTime() + 20_000_000_000L;
        // Send until a full second passes with nothing taken, or the bound is passed.
        while (sent <= BOUND
            && System.nanoTime() - lastProgress < 1_000_000_000L
            && System.nanoTime() < deadline) {
          chunk.clear();
          int n = client.write(chunk);
          if (n > 0) {
            sent += n;
            lastProgress = System.nanoTime();
          } else {
            Thread.onSpinWait();
          }
        }
        assertTrue(
            sent <= BOUND,
            "the engine took " + (sent >> 20) + " MiB for a server that reads nothing");
        assertTrue(sent > 0, "nothing could be sent at all");
      }
    }
  }

  /** The engine in TCP mode with one server, its log lines collected in {@code log}. */
  static Engine tcpEngine(String name, String vip, String server, int port, List<String> log)
      throws Exception {
    String yaml =
        """
        lbc: 1
        name: %s
        exchange: 2016
        appliances:
          primary: { hostname: lb1, address: 127.0.0.5/8 }
        servers:
          - { name: MBOX1, address: %s }
        services:
          - name: TCP
            vip: %s
            ports: [%d]
            mode: snat
            health-check: { type: none }
            timeouts: { client: 30s, server: 30s }
            real-servers: [{ server: MBOX1 }]
        """
            .formatted(name, server, vip, port);
    return Engine.start(
        Lbc.plan(yaml),
        BindMap.parse(List.of()),
        log::add,
        new Engine.Options(Path.of("."), 1_000));
  }
}
