package dev.lbc.runtime.engine;

import dev.lbc.runtime.pool.Member;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Layer 7 TCP mode: a client connection is admitted by the lockdown, given a member by the
 * balancer, and relayed both ways with backpressure (a side stops reading while the other's output
 * is over Netty's high-water mark, and reads again once it drains) and half-close (a side's end of
 * input shuts the other's output). A connect that fails is retried on another member, up to three
 * times (HAProxy's retries 3 + redispatch). A connection pair closes after the client or the server
 * timeout, whichever is shorter, without a byte either way (one {@link PairTimer}: whatever one
 * side reads is the other side's output, so either side's silence is the pair's). Failures are
 * counted and logged by the service ({@link ServiceRuntime#clientError}, {@code connectError},
 * {@code serverError}), never swallowed.
 */
final class TcpProxy extends PairTimer {
  static final int RETRIES = 3;
  private final ServiceRuntime service;
  private final int listenerPort;
  // The members the connect tried until one took it (then null, and how many failed first): the
  // set would otherwise be held by every idle connection.
  private Set<Member> tried = new HashSet<>(4);
  private int retries;
  private Channel outbound;
  // The member this connection is counted on, from the pick until release(); the handler's
  // callbacks and its connect's all run on the client channel's event loop.
  private Member member;
  // The member the server connection is to, kept after release() for errors reported late.
  private Member serving;
  // For the access log: all on the client channel's event loop, but for bytes (the server side's
  // loop is the same one: the outbound channel is registered on the client's)
  private boolean session;
  private final long acceptedAt = System.currentTimeMillis();
  private long connectStartAt;
  private long connectMs = -1;
  private String server;
  private long bytes;
  // What the client sent before the server connection was up, and whether its input ended then:
  // the epoll transport reads a client's end of input, and the bytes before it, even while reading
  // is paused. Null on almost every connection.
  private List<Object> early;
  private boolean clientEnded;
  // The client side, for the timer; and when either side last read (System.nanoTime()).
  private Channel inbound;
  private long activeAt = System.nanoTime();

  TcpProxy(ServiceRuntime service, int listenerPort) {
    this.service = service;
    this.listenerPort = listenerPort;
    this.toServerFailed = f -> failed(f, cause -> service.serverError(serving, cause));
    this.toClientFailed =
        f -> failed(f, cause -> service.clientError(cause, clientAddress(f.channel())));
  }

  static void configure(SocketChannel ch, ServiceRuntime service, int port) {
    ch.config().setAutoRead(false);
    ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    ch.pipeline().addLast(new TcpProxy(service, port));
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    if (!service.allows(remote.getAddress())) {
      ctx.close();
      return;
    }
    session = true;
    service.sessionOpened();
    inbound = ctx.channel();
    due(ctx.executor(), after(activeAt, idleTimeoutMs()));
    connect(ctx.channel(), remote.getAddress().getHostAddress());
  }

  /** The shorter of the client and the server timeout (0: none). */
  private long idleTimeoutMs() {
    long client = service.plan().clientTimeoutMs();
    long server = service.plan().serverTimeoutMs();
    return client <= 0 ? server : server <= 0 ? client : Math.min(client, server);
  }

  @Override
  long expire(long now) {
    long deadline = after(activeAt, idleTimeoutMs());
    if (passed(now, deadline)) {
      inbound.close();
      return NONE;
    }
    return deadline;
  }

  private void connect(Channel inbound, String client) {
    Backend b = tried.size() > RETRIES ? null : service.pick(client, tried);
    if (b == null) {
      service.noServer();
      inbound.close();
      return;
    }
    tried.add(b.member());
    member = b.member();
    server = b.member().name();
    connectStartAt = System.currentTimeMillis();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(inbound.eventLoop())
            .channel(Transport.socketChannel(inbound.eventLoop()))
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.RCVBUF_ALLOCATOR, Transport.RECEIVE)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            // the pair's timer times the connect (PairTimer.timeConnect)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0)
            .handler(
                new io.netty.channel.ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new Relay(inbound, service, b.member(), TcpProxy.this));
                  }
                });
    ChannelFuture attempt = bootstrap.connect(b.address(listenerPort));
    timeConnect(
        attempt,
        (f, cause) -> {
          if (cause != null) {
            service.connectError(b, cause);
            if (member == b.member()) {
              release();
              if (inbound.isActive()) {
                connect(inbound, client);
              }
            }
          } else if (!inbound.isActive()) {
            // The client left while we connected; its end released the member.
            f.channel().close();
          } else {
            outbound = f.channel();
            serving = b.member();
            connectMs = System.currentTimeMillis() - connectStartAt;
            retries = tried.size() - 1;
            tried = null;
            sendEarly(inbound);
            // From here both sides read as data comes, each paused while the other
            // side's output is over its high-water mark (channelWritabilityChanged).
            inbound.config().setAutoRead(true);
            outbound.config().setAutoRead(true);
          }
        });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    activeAt = System.nanoTime();
    if (outbound == null) {
      if (early == null) {
        early = new ArrayList<>(2);
      }
      early.add(msg);
      return;
    }
    pass(msg, outbound, ctx.channel(), toServerFailed);
  }

  /** Hands the server what the client sent, and its end, before the connection was up. */
  private void sendEarly(Channel inbound) {
    if (early != null) {
      early.forEach(msg -> outbound.write(msg).addListener(toServerFailed));
      early = null;
      outbound.flush();
    }
    if (clientEnded) {
      shutdownOutputAfterWrites(inbound, outbound);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (outbound != null) {
      outbound.flush();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    // the client's output drained: read the server again
    if (ctx.channel().isWritable() && outbound != null) {
      outbound.config().setAutoRead(true);
    }
    ctx.fireChannelWritabilityChanged();
  }

  // One listener per connection and direction, not one per write.
  private final ChannelFutureListener toServerFailed;
  private final ChannelFutureListener toClientFailed;

  private static void failed(io.netty.channel.ChannelFuture f, Consumer<Throwable> report) {
    if (!f.isSuccess()) {
      if (!(f.cause() instanceof ClosedChannelException)) {
        report.accept(f.cause());
      }
      f.channel().close();
    }
  }

  /**
   * Writes {@code msg} to {@code to}, flushed at the end of the read, and stops reading {@code
   * from} while {@code to} holds more than its high-water mark: memory per connection stays bounded
   * however slow the other side reads, without a read and an epoll change per message.
   */
  private static void pass(Object msg, Channel to, Channel from, ChannelFutureListener failed) {
    to.write(msg).addListener(failed);
    if (!to.isWritable()) {
      from.config().setAutoRead(false);
    }
  }

  /** Shuts {@code to}'s output once what was written to it before has gone out. */
  private static void shutdownOutputAfterWrites(Channel from, Channel to) {
    to.writeAndFlush(Unpooled.EMPTY_BUFFER)
        .addListener(
            f -> {
              if (to.isActive()) {
                ((SocketChannel) to)
                    .shutdownOutput()
                    .addListener(done -> closeIfBothShut(from, to));
              }
            });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      if (outbound == null) {
        clientEnded = true;
      } else {
        shutdownOutputAfterWrites(ctx.channel(), outbound);
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stopTimer();
    if (early != null) {
      early.forEach(ReferenceCountUtil::release);
      early = null;
    }
    if (outbound != null) {
      closeOnFlush(outbound);
    }
    if (session) {
      session = false;
      logSession(ctx);
      service.sessionClosed();
    }
    release();
  }

  /** The session's tcplog line; HAProxy's termination state "SC" when no server took it. */
  private void logSession(ChannelHandlerContext ctx) {
    AccessLog log = service.accessLog();
    if (!log.on()) {
      return;
    }
    int backendConnections = 0;
    for (Backend b : service.backends()) {
      backendConnections += b.member().currentConnections();
    }
    Member m = member;
    log.offer(
        AccessLine.tcp(
            new AccessLine.Session(
                (InetSocketAddress) ctx.channel().remoteAddress(),
                service.plan().name(),
                service.plan().name(),
                outbound == null ? null : server,
                service.currentSessions(),
                backendConnections,
                m == null ? 0 : m.currentConnections(),
                tried == null ? retries : Math.max(0, tried.size() - 1)),
            acceptedAt,
            outbound == null ? -1 : connectMs,
            System.currentTimeMillis() - acceptedAt,
            bytes,
            outbound == null ? "SC" : "--"));
  }

  private void release() {
    if (member != null) {
      member.connectionClosed();
      member = null;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    service.clientError(cause, clientAddress(ctx.channel()));
    closeOnFlush(ctx.channel());
  }

  static InetAddress clientAddress(Channel ch) {
    return ch.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
  }

  /**
   * HTTP mode's relay: writes {@code msg} to {@code to} and reads the next message from {@code
   * from} only once the write has gone out (a request's messages follow its framing, read by read).
   * Unflushed when {@code flush} is false: the caller flushes {@code to} once at the end of the
   * read, so the several messages of one read leave in one system call (and one TLS record). A
   * failed write closes {@code to} and is reported to {@code failed}, unless {@code to} was closed
   * already (its end was seen there).
   */
  static void relay(
      Object msg, Channel to, Channel from, Consumer<Throwable> failed, boolean flush) {
    (flush ? to.writeAndFlush(msg) : to.write(msg))
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (f.isSuccess()) {
                    from.read();
                  } else {
                    if (!(f.cause() instanceof ClosedChannelException)) {
                      failed.accept(f.cause());
                    }
                    f.channel().close();
                  }
                });
  }

  static void closeOnFlush(Channel ch) {
    if (ch.isActive()) {
      ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  static void closeIfBothShut(Channel a, Channel b) {
    if (a instanceof SocketChannel sa
        && b instanceof SocketChannel sb
        && sa.isInputShutdown()
        && sa.isOutputShutdown()
        && sb.isInputShutdown()
        && sb.isOutputShutdown()) {
      a.close();
      b.close();
    }
  }

  /** The server side: relays to the client with the same backpressure and half-close. */
  private static final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel inbound;
    private final ServiceRuntime service;
    private final Member member;
    private final TcpProxy client;

    Relay(Channel inbound, ServiceRuntime service, Member member, TcpProxy client) {
      this.inbound = inbound;
      this.service = service;
      this.member = member;
      this.client = client;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      client.activeAt = System.nanoTime();
      if (msg instanceof io.netty.buffer.ByteBuf buf) {
        client.bytes += buf.readableBytes();
      }
      pass(msg, inbound, ctx.channel(), client.toClientFailed);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      inbound.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      // the server's output drained: read the client again
      if (ctx.channel().isWritable()) {
        inbound.config().setAutoRead(true);
      }
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof ChannelInputShutdownEvent) {
        shutdownOutputAfterWrites(ctx.channel(), inbound);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closeOnFlush(inbound);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      service.serverError(member, cause);
      closeOnFlush(ctx.channel());
    }
  }
}
