package dev.lbc.runtime.engine;

import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * The I/O of one health check, non-blocking on Netty's event loops: connect (and the TLS handshake
 * for https-get), send the request, read the first line of the answer (the HTTP status line or the
 * SMTP banner). A check reads at most {@link #MAX_LINE} bytes of the answer and the whole check has
 * one deadline; a server that floods, trickles or hangs fails its check and costs lbc a few KiB.
 * HTTPS checks do not verify the certificate, as HAProxy's {@code verify none}.
 */
final class CheckProbe implements HealthChecker.Probe {
  /** The longest first line of an answer a check reads; longer is a failed check. */
  static final int MAX_LINE = 4096;

  /** One socket read: with {@link #MAX_LINE}, bounds what a check takes from the network. */
  private static final int READ_SIZE = 2048;

  private final EventLoopGroup loops;
  private final AtomicLong bytesRead = new AtomicLong();
  private volatile SslContext tls;

  CheckProbe(EventLoopGroup loops) {
    this.loops = loops;
  }

  /** Bytes read from the network by every check of this probe (what a flood could cost). */
  long bytesRead() {
    return bytesRead.get();
  }

  @Override
  public CompletionStage<String> start(CheckPlan c, String host, int port, long deadlineMs) {
    CompletableFuture<String> result = new CompletableFuture<>();
    if (loops.isShuttingDown()) {
      // The engine is stopping: no new connection (its event loops would refuse it noisily).
      result.complete(HealthChecker.describe(c) + ": the engine is stopping");
      return result;
    }
    boolean reads = c.type() != CheckType.TCP_CONNECT;
    SslContext ssl = c.type() == CheckType.HTTPS_GET ? tls() : null;
    ChannelFuture connect =
        new Bootstrap()
            .group(loops)
            .channel(Transport.socketChannel(loops))
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(deadlineMs, 600_000))
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(READ_SIZE))
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new Counter());
                    if (ssl != null) {
                      ch.pipeline().addLast(ssl.newHandler(ch.alloc(), host, port));
                    }
                    if (reads) {
                      ch.pipeline().addLast(new FirstLine(c, host, result));
                    }
                  }
                })
            .connect(host, port);
    Channel ch = connect.channel();
    var deadline =
        ch.eventLoop()
            .schedule(
                () -> result.complete(HealthChecker.timedOut(c, deadlineMs)),
                deadlineMs,
                TimeUnit.MILLISECONDS);
    result.whenComplete(
        (r, t) -> {
          deadline.cancel(false);
          ch.close();
        });
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            result.complete(HealthChecker.describe(c) + ": " + ErrorLog.reason(f.cause()));
          } else if (!reads) {
            result.complete(null);
          }
        });
    return result;
  }

  private SslContext tls() {
    SslContext ctx = tls;
    if (ctx == null) {
      try {
        ctx =
            SslContextBuilder.forClient()
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .build();
      } catch (SSLException e) {
        throw new IllegalStateException(e);
      }
      tls = ctx;
    }
    return ctx;
  }

  /** Counts what the socket delivers, below TLS. */
  private final class Counter extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf b) {
        bytesRead.addAndGet(b.readableBytes());
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** Sends the request (for GET) and judges the first line of the answer. */
  private static final class FirstLine extends ChannelInboundHandlerAdapter {
    private final CheckPlan check;
    private final String host;
    private final CompletableFuture<String> result;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    FirstLine(CheckPlan check, String host, CompletableFuture<String> result) {
      this.check = check;
      this.host = host;
      this.result = result;
    }

    private boolean http() {
      return check.http();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      if (http()) {
        String hostHeader = check.host() != null ? check.host() : host;
        ctx.writeAndFlush(
            Unpooled.copiedBuffer(
                "GET "
                    + check.path()
                    + " HTTP/1.1\r\nHost: "
                    + hostHeader
                    + "\r\nConnection: close\r\nUser-Agent: lbc-check\r\n\r\n",
                StandardCharsets.US_ASCII));
      }
      ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        ByteBuf in = (ByteBuf) msg;
        while (in.isReadable()) {
          byte b = in.readByte();
          if (b == '\n') {
            result.complete(judge(line.toString(StandardCharsets.ISO_8859_1).strip()));
            return;
          }
          if (line.size() >= MAX_LINE) {
            result.complete(
                HealthChecker.describe(check)
                    + ": no "
                    + (http() ? "status line" : "banner line")
                    + " in the first "
                    + MAX_LINE
                    + " bytes");
            return;
          }
          line.write(b);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (!result.isDone()) {
        ctx.read();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      result.complete(
          http()
              ? HealthChecker.describe(check) + ": no HTTP response"
              : "SMTP banner: connection closed");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      result.complete(HealthChecker.describe(check) + ": " + ErrorLog.reason(cause));
    }

    private String judge(String first) {
      if (!http()) {
        if (first.startsWith("220")) {
          return null;
        }
        return "SMTP banner: "
            + (first.matches("^[0-9]{3}.*")
                ? "answered " + first.substring(0, 3)
                : "not an SMTP server");
      }
      if (!first.startsWith("HTTP/")) {
        return HealthChecker.describe(check) + ": no HTTP response";
      }
      String[] parts = first.split(" ", 3);
      int code = parts.length > 1 && parts[1].matches("[0-9]{3}") ? Integer.parseInt(parts[1]) : -1;
      return code == check.expect() ? null : HealthChecker.describe(check) + " returned " + code;
    }
  }
}
