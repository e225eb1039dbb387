package dev.lbc.runtime.engine;

import dev.lbc.runtime.pool.Member;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Layer 7 TCP mode: a client connection is admitted by the lockdown, given a member by the
 * balancer, and relayed both ways with backpressure (each side reads only when its last write has
 * gone out) and half-close (a side's end of input shuts the other's output). A connect that fails
 * is retried on another member, up to three times (HAProxy's retries 3 + redispatch). Idle
 * connections close after the client or server timeout.
 */
final class TcpProxy extends ChannelInboundHandlerAdapter {
  static final int RETRIES = 3;
  private final ServiceRuntime service;
  private final int listenerPort;
  private final Set<Member> tried = new HashSet<>();
  private final AtomicBoolean released = new AtomicBoolean();
  private Channel outbound;
  private Member member;

  TcpProxy(ServiceRuntime service, int listenerPort) {
    this.service = service;
    this.listenerPort = listenerPort;
  }

  static void configure(SocketChannel ch, ServiceRuntime service, int port) {
    ch.config().setAutoRead(false);
    ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    ch.pipeline()
        .addLast(
            new IdleStateHandler(0, 0, service.plan().clientTimeoutMs(), TimeUnit.MILLISECONDS));
    ch.pipeline().addLast(new TcpProxy(service, port));
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    if (!service.allows(remote.getAddress())) {
      ctx.close();
      return;
    }
    connect(ctx.channel(), remote.getAddress().getHostAddress());
  }

  private void connect(Channel inbound, String client) {
    Backend b = service.pick(client, tried);
    if (b == null || tried.size() > RETRIES) {
      inbound.close();
      return;
    }
    tried.add(b.member());
    b.member().connectionOpened();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(inbound.eventLoop())
            .channel(NioSocketChannel.class)
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
            .handler(
                new io.netty.channel.ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new IdleStateHandler(
                                0, 0, service.plan().serverTimeoutMs(), TimeUnit.MILLISECONDS));
                    ch.pipeline().addLast(new Relay(inbound));
                  }
                });
    bootstrap
        .connect(b.host(), b.portFor(listenerPort))
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (f.isSuccess()) {
                    member = b.member();
                    outbound = f.channel();
                    outbound.closeFuture().addListener(c -> closeOnFlush(inbound));
                    inbound.read();
                    outbound.read();
                  } else {
                    b.member().connectionClosed();
                    if (inbound.isActive()) {
                      connect(inbound, client);
                    }
                  }
                });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    relay(msg, outbound, ctx.channel());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent && outbound != null) {
      ((SocketChannel) outbound).shutdownOutput();
      closeIfBothShut(ctx.channel(), outbound);
    } else if (evt instanceof IdleStateEvent) {
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (outbound != null) {
      closeOnFlush(outbound);
    }
    if (member != null && released.compareAndSet(false, true)) {
      member.connectionClosed();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    closeOnFlush(ctx.channel());
  }

  /**
   * Writes {@code msg} to {@code to} and reads the next message from {@code from} only once the
   * write has gone out: the backpressure both proxies use. A failed write closes {@code to}.
   */
  static void relay(Object msg, Channel to, Channel from) {
    to.writeAndFlush(msg)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (f.isSuccess()) {
                    from.read();
                  } else {
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

    Relay(Channel inbound) {
      this.inbound = inbound;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      relay(msg, inbound, ctx.channel());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof ChannelInputShutdownEvent) {
        ((SocketChannel) inbound).shutdownOutput();
        closeIfBothShut(ctx.channel(), inbound);
      } else if (evt instanceof IdleStateEvent) {
        ctx.close();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closeOnFlush(inbound);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      closeOnFlush(ctx.channel());
    }
  }
}
