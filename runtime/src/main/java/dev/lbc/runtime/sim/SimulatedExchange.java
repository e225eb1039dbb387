package dev.lbc.runtime.sim;

import dev.lbc.compiler.model.Vdir;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.CharsetUtil;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated Exchange server for first runs and tests: HTTPS (or HTTP) answering {@code
 * /<vdir>/healthcheck.htm} with 200 while active and 503 once made inactive (as {@code
 * Set-ServerComponentState ... -State Inactive} makes Exchange do), for the whole server or for one
 * vdir ({@code -Component OwaProxy}), SMTP enough to accept a message, and IMAP4 and POP3
 * greetings.
 */
public final class SimulatedExchange implements AutoCloseable {
  private final String name;
  private final AtomicBoolean active = new AtomicBoolean(true);
  // The vdirs made inactive one by one, as Set-ServerComponentState -Component OwaProxy does.
  private final Set<Vdir> inactive = ConcurrentHashMap.newKeySet();
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong healthChecks = new AtomicLong();
  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private final List<Channel> channels = new ArrayList<>();

  public SimulatedExchange(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public boolean isActive() {
    return active.get();
  }

  /** Like Set-ServerComponentState: an inactive server fails its healthcheck.htm. */
  public void setActive(boolean value) {
    active.set(value);
  }

  /**
   * Like {@code Set-ServerComponentState -Component OwaProxy -State Inactive} (or Active): only
   * that vdir's healthcheck.htm answers 503, the others stay 200.
   */
  public void setActive(Vdir vdir, boolean value) {
    if (value) {
      inactive.remove(vdir);
    } else {
      inactive.add(vdir);
    }
  }

  /** The vdirs made inactive one by one, in the enum's order. */
  public List<Vdir> inactiveVdirs() {
    return java.util.Arrays.stream(Vdir.values()).filter(inactive::contains).toList();
  }

  /** True if {@code target}'s health check answers 200: the server and its vdir are active. */
  boolean checkPasses(String target) {
    if (!active.get()) {
      return false;
    }
    for (Vdir v : inactive) {
      if (v.matches(target)) {
        return false;
      }
    }
    return true;
  }

  public long messages() {
    return messages.get();
  }

  /** Client requests: everything but the health checks. */
  public long requests() {
    return requests.get();
  }

  /** Requests for a {@code healthcheck.htm}, the load balancer's checks (or an admin's curl). */
  public long healthChecks() {
    return healthChecks.get();
  }

  /** Listens on {@code address:port} speaking the protocol Exchange speaks on that port. */
  public void listen(String address, int port, String protocol) throws InterruptedException {
    SslContext tls = protocol.equals("https") ? tls() : null;
    Channel ch =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel c) {
                    switch (protocol) {
                      case "https", "http" -> {
                        if (tls != null) {
                          c.pipeline().addLast(tls.newHandler(c.alloc()));
                        }
                        c.pipeline()
                            .addLast(
                                new HttpServerCodec(), new HttpObjectAggregator(65536), new Web());
                      }
                      case "smtp" -> {
                        c.pipeline().addLast(new LineBasedFrameDecoder(1000), new Smtp());
                      }
                      default -> c.pipeline().addLast(new Greeting(protocol));
                    }
                    c.pipeline().addLast(CLOSE_ON_ERROR);
                  }
                })
            .bind(address, port)
            .sync()
            .channel();
    channels.add(ch);
  }

  /** The protocol Exchange speaks on a well-known port (or its lab equivalent). */
  public static String protocolFor(int port, boolean healthCheckOverTls) {
    return switch (port) {
      case 25, 587, 2525 -> "smtp";
      case 143, 993, 1143 -> "imap";
      case 110, 995, 1110 -> "pop";
      case 80, 8080 -> "http";
      default -> healthCheckOverTls ? "https" : "http";
    };
  }

  private static SslContext tls() {
    try (InputStream cert = SimulatedExchange.class.getResourceAsStream("cert.pem");
        InputStream key = SimulatedExchange.class.getResourceAsStream("key.pem")) {
      return SslContextBuilder.forServer(cert, key).build();
    } catch (Exception e) {
      throw new IllegalStateException("simulated server certificate", e);
    }
  }

  /** A request for {@code /<vdir>/healthcheck.htm}, with or without a query, in any case. */
  static boolean isHealthCheck(String uri) {
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    return path.toLowerCase(Locale.ROOT).endsWith("/healthcheck.htm");
  }

  /**
   * The last handler of every connection: a client that resets (a health check past its deadline,
   * one that left mid-handshake, a dropped session) is closed with nothing to answer or log.
   */
  private static final ChannelHandler CLOSE_ON_ERROR = new CloseOnError();

  @ChannelHandler.Sharable
  private static final class CloseOnError extends io.netty.channel.ChannelInboundHandlerAdapter {
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private final class Web extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      boolean check = isHealthCheck(req.uri());
      (check ? healthChecks : requests).incrementAndGet();
      boolean passes = !check || checkPasses(req.uri());
      HttpResponseStatus status =
          passes ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
      String body =
          check
              ? (passes ? "200 OK" : "503 inactive")
              : "served by "
                  + name
                  + "\n"
                  + "x-forwarded-for: "
                  + req.headers().get("X-Forwarded-For", "")
                  + "\n";
      FullHttpResponse res =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, CharsetUtil.UTF_8));
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
      res.headers().set("X-Served-By", name);
      HttpUtil.setContentLength(res, res.content().readableBytes());
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      HttpUtil.setKeepAlive(res, keepAlive);
      var f = ctx.writeAndFlush(res);
      if (!keepAlive) {
        f.addListener(ChannelFutureListener.CLOSE);
      }
    }
  }

  private final class Smtp extends SimpleChannelInboundHandler<io.netty.buffer.ByteBuf> {
    private boolean data;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      say(ctx, "220 " + name + " Microsoft ESMTP MAIL Service (simulated)");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, io.netty.buffer.ByteBuf msg) {
      String line = msg.toString(CharsetUtil.US_ASCII).replace("\r", "");
      if (data) {
        if (line.equals(".")) {
          data = false;
          messages.incrementAndGet();
          say(ctx, "250 2.6.0 Queued mail for delivery");
        }
        return;
      }
      String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
      switch (verb) {
        case "EHLO", "HELO" -> say(ctx, "250 " + name + " Hello");
        case "MAIL", "RCPT", "RSET", "NOOP" -> say(ctx, "250 2.1.0 OK");
        case "DATA" -> {
          data = true;
          say(ctx, "354 Start mail input; end with <CRLF>.<CRLF>");
        }
        case "QUIT" ->
            ctx.writeAndFlush(Unpooled.copiedBuffer("221 2.0.0 Bye\r\n", CharsetUtil.US_ASCII))
                .addListener(ChannelFutureListener.CLOSE);
        default -> say(ctx, "500 5.3.3 Unrecognized command");
      }
    }

    private void say(ChannelHandlerContext ctx, String line) {
      ctx.writeAndFlush(Unpooled.copiedBuffer(line + "\r\n", CharsetUtil.US_ASCII));
    }
  }

  private final class Greeting extends io.netty.channel.ChannelInboundHandlerAdapter {
    private final String protocol;

    Greeting(String protocol) {
      this.protocol = protocol;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      String line =
          protocol.equals("imap")
              ? "* OK The Microsoft Exchange IMAP4 service is ready. (" + name + ", simulated)"
              : "+OK The Microsoft Exchange POP3 service is ready. (" + name + ", simulated)";
      ctx.writeAndFlush(Unpooled.copiedBuffer(line + "\r\n", CharsetUtil.US_ASCII));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      io.netty.util.ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void close() {
    // When close returns the ports are free: a test may listen there again at once.
    channels.forEach(c -> c.close().awaitUninterruptibly(2, java.util.concurrent.TimeUnit.SECONDS));
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
  }
}
