package dev.lbc.runtime.engine;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.model.Keyword;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.runtime.pool.Member;
import dev.lbc.runtime.sim.SimulatedExchange;
import dev.lbc.testsupport.Lbc;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Health checks that a hostile or slow server cannot blind: a flood without a newline fails the
 * check after a bounded read, a trickle fails at the check's deadline, and two slow servers do not
 * delay the check of a third that answers 503.
 */
class HealthCheckTest {
  /**
   * What one check may take from a flooder: lbc's own bound (a few KiB) plus the kernel's socket
   * buffers on both ends (a few MiB on Linux loopback). An unbounded read takes gigabytes.
   */
  private static final long FLOOD_BOUND = 16L << 20;

  private final List<HostileServer> servers = new ArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private Engine engine;

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    servers.forEach(HostileServer::close);
  }

  private Engine start(String check, String... members) throws Exception {
    StringBuilder servers = new StringBuilder();
    StringBuilder pool = new StringBuilder();
    for (int i = 0; i < members.length; i++) {
      String[] hostPort = members[i].split(":");
      servers.append("  - { name: M").append(i).append(", address: ").append(hostPort[0]);
      servers.append(" }\n");
      pool.append(i == 0 ? "" : ", ").append("{ server: M").append(i);
      pool.append(", port: ").append(hostPort[1]).append(" }");
    }
    String yaml =
        """
        lbc: 1
        name: check-test
        exchange: 2016
        appliances:
          primary: { hostname: lb1, address: 127.0.0.5/8 }
        servers:
        %sservices:
          - name: SVC
            vip: 127.0.0.65
            ports: [26500]
            mode: snat
            health-check: %s
            real-servers: [%s]
        """
            .formatted(servers, check, pool);
    engine = Engine.start(Lbc.plan(yaml), BindMap.parse(List.of()), log::add);
    return engine;
  }

  private Member member(int i) {
    return engine.services().get("SVC").backends().get(i).member();
  }

  private static void within(long ms, BooleanSupplier condition, String what) throws Exception {
    long start = System.currentTimeMillis();
    while (!condition.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() - start < ms, what + " within " + ms + " ms");
      Thread.sleep(20);
    }
  }

  /** Waits for the log line that starts so (it is written once the member is DOWN). */
  private void downWithin(long ms, String prefix) throws Exception {
    within(ms, () -> log.stream().anyMatch(l -> l.startsWith(prefix)), prefix + "... in " + log);
  }

  // interval 300 ms, fall 2: DOWN after two checks, about 600 ms; the slack covers a loaded CI.
  private static final String FAST = "interval: 300ms, rise: 2, fall: 2";

  @ParameterizedTest
  @ValueSource(strings = {"http-get", "https-get", "smtp-banner"})
  void aCheckFloodedWithoutANewlineFailsAfterABoundedRead(String type) throws Exception {
    HostileServer flood = HostileServer.flood("127.0.0.61", 26501, type.equals("https-get"));
    servers.add(flood);
    start("{ type: " + type + ", path: /owa/healthcheck.htm, " + FAST + " }", "127.0.0.61:26501");
    String reason = type.equals("smtp-banner") ? "SMTP banner" : "GET /owa/healthcheck.htm";
    downWithin(4_000, "SVC/M0 DOWN: " + reason + ": no ");
    assertTrue(!member(0).isUp());
    flood.assertBounded();
  }

  @Test
  void aTrickledAnswerFailsAtTheCheckDeadline() throws Exception {
    // One byte a second of a good answer: each read is quick, the whole answer is not.
    servers.add(HostileServer.trickle("127.0.0.61", 26504, 1_000, "HTTP/1.1 200 OK\r\n"));
    start(
        "{ type: http-get, path: /owa/healthcheck.htm, interval: 1500ms, rise: 2, fall: 2 }",
        "127.0.0.61:26504");
    downWithin(2 * 1_500 + 2_500, "SVC/M0 DOWN: GET /owa/healthcheck.htm: timed out after 1500 ms");
  }

  @Test
  void aTrickledBannerFailsAtTheCheckDeadline() throws Exception {
    servers.add(HostileServer.trickle("127.0.0.61", 26505, 1_000, "220 mail ESMTP\r\n"));
    start("{ type: smtp-banner, interval: 1500ms, rise: 2, fall: 2 }", "127.0.0.61:26505");
    downWithin(2 * 1_500 + 2_500, "SVC/M0 DOWN: SMTP banner: timed out after 1500 ms");
  }

  @Test
  void twoSlowServersDoNotDelayTheCheckOfAThird() throws Exception {
    servers.add(HostileServer.trickle("127.0.0.61", 26506, 100, "HTTP/1.1 200 OK\r\n"));
    servers.add(HostileServer.trickle("127.0.0.62", 26506, 100, "HTTP/1.1 200 OK\r\n"));
    SimulatedExchange sick = new SimulatedExchange("M2");
    sick.listen("127.0.0.63", 26506, "http");
    sick.setActive(false);
    servers.add(HostileServer.wrap(sick));
    start(
        "{ type: http-get, path: /owa/healthcheck.htm, interval: 500ms, rise: 2, fall: 2 }",
        "127.0.0.61:26506",
        "127.0.0.62:26506",
        "127.0.0.63:26506");
    // fall 2 x interval 500 ms, and as much again for a loaded machine.
    downWithin(2_000, "SVC/M2 DOWN: GET /owa/healthcheck.htm returned 503, 2/2 failed");
    within(2_000, () -> !member(0).isUp() && !member(1).isUp(), "the slow members DOWN");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http-get", "https-get", "smtp-banner"})
  void aFloodedCheckReadsAFewKiBFromTheNetwork(String type) throws Exception {
    servers.add(HostileServer.flood("127.0.0.61", 26510, type.equals("https-get")));
    EventLoopGroup loop = new NioEventLoopGroup(1);
    try {
      CheckProbe probe = new CheckProbe(loop);
      CheckPlan check =
          new CheckPlan(
              Keyword.of(CheckType.class, type),
              "/owa/healthcheck.htm",
              null,
              200,
              5_000,
              2,
              2,
              null,
              false);
      String failure =
          probe.start(check, "127.0.0.61", 26510, 5_000).toCompletableFuture().get(10, SECONDS);
      assertEquals(
          HealthChecker.describe(check)
              + (type.equals("smtp-banner") ? ": no banner line" : ": no status line")
              + " in the first 4096 bytes",
          failure);
      // The line limit, one TLS record (16 KiB) and the handshake, one socket read.
      assertTrue(probe.bytesRead() < 32 * 1024, "the check read " + probe.bytesRead() + " bytes");
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  /**
   * A server that floods (64 KiB writes of 'A', never a newline, as fast as the peer reads) or
   * trickles a text a byte at a time; it counts what it wrote on each connection.
   */
  private static final class HostileServer implements AutoCloseable {
    private final List<AtomicLong> connections = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

    static HostileServer wrap(AutoCloseable other) {
      HostileServer s = new HostileServer();
      s.resources.add(other);
      return s;
    }

    static HostileServer flood(String address, int port, boolean tls) throws Exception {
      HostileServer server = new HostileServer();
      EventLoopGroup group = new NioEventLoopGroup(1);
      server.resources.add(
          () -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
      SslContext ssl = null;
      if (tls) {
        try (InputStream cert = SimulatedExchange.class.getResourceAsStream("cert.pem");
            InputStream key = SimulatedExchange.class.getResourceAsStream("key.pem")) {
          ssl = SslContextBuilder.forServer(cert, key).build();
        }
      }
      SslContext context = ssl;
      ByteBuf chunk = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(filled(64 * 1024)));
      new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_REUSEADDR, true)
          // A small send buffer: what the kernel holds for the peer stays small.
          .childOption(ChannelOption.SO_SNDBUF, 64 * 1024)
          .childHandler(
              new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                  AtomicLong written = new AtomicLong();
                  server.connections.add(written);
                  if (context != null) {
                    ch.pipeline().addLast(context.newHandler(ch.alloc()));
                  }
                  ch.pipeline()
                      .addLast(
                          new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                              pump(ctx);
                            }

                            @Override
                            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                              pump(ctx);
                            }

                            private void pump(ChannelHandlerContext ctx) {
                              while (ctx.channel().isActive() && ctx.channel().isWritable()) {
                                ctx.writeAndFlush(chunk.duplicate());
                                written.addAndGet(chunk.capacity());
                              }
                            }

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                              ReferenceCountUtil.release(msg);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
                              ctx.close();
                            }
                          });
                }
              })
          .bind(address, port)
          .sync();
      return server;
    }

    private static byte[] filled(int n) {
      byte[] b = new byte[n];
      Arrays.fill(b, (byte) 'A');
      return b;
    }

    static HostileServer trickle(String address, int port, long everyMs, String text)
        throws Exception {
      HostileServer server = new HostileServer();
      byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(address, port));
      server.resources.add(socket);
      Thread t =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try {
                    Socket c = socket.accept();
                    server.resources.add(c);
                    Thread w =
                        new Thread(
                            () -> {
                              try (c) {
                                OutputStream out = c.getOutputStream();
                                for (byte b : bytes) {
                                  out.write(b);
                                  out.flush();
                                  Thread.sleep(everyMs);
                                }
                                Thread.sleep(60_000);
                              } catch (IOException | InterruptedException e) {
                                // lbc closed the check, or the test ended
                              }
                            });
                    w.setDaemon(true);
                    w.start();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      return server;
    }

    /**
     * lbc closed each flooded check after a bounded read: no connection took more than lbc's bound
     * plus the kernel's buffers, and at least one was closed by lbc (the check did end).
     */
    void assertBounded() throws Exception {
      within(2_000, () -> connections.size() >= 2, "a second check after the first was closed");
      long most = connections.stream().mapToLong(AtomicLong::get).max().orElse(0);
      assertTrue(
          most < FLOOD_BOUND,
          "one check took " + most + " bytes from the flooder; lbc reads without a bound");
    }

    @Override
    public void close() {
      for (AutoCloseable r : resources) {
        try {
          r.close();
        } catch (Exception e) {
          // already closed
        }
      }
    }
  }
}
