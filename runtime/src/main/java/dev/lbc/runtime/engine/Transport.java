package dev.lbc.runtime.engine;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslProvider;

/**
 * The engine's sockets: Netty's native epoll transport on Linux x86-64 (edge-triggered, no selector
 * garbage, splice for TCP mode), Java NIO wherever the native library cannot load. Every channel
 * must match the event loop it is registered on, so channel classes are chosen from the loop group,
 * never from a global switch.
 */
public final class Transport {
  private Transport() {}

  /**
   * The receive-buffer sizing of every proxied channel, one instance for all: it holds nothing
   * (each channel's state is in its own handle, {@link ReceiveSizing}'s smaller than Netty's), and
   * Netty's channel config would otherwise give each of thousands of idle channels an instance of
   * its own (40 bytes each).
   */
  static final RecvByteBufAllocator RECEIVE = new ReceiveSizing();

  /** True when the native epoll transport loaded (Linux x86-64 with the bundled library). */
  public static boolean nativeEpoll() {
    return Epoll.isAvailable();
  }

  /** Why the native transport is not used, or null when it is. */
  public static Throwable unavailabilityCause() {
    return Epoll.unavailabilityCause();
  }

  /**
   * OpenSSL (the bundled BoringSSL) where it loads with ALPN, the JDK's TLS elsewhere: a handshake
   * and the record layer cost several times less CPU, and both honour the same ALPN config.
   */
  public static SslProvider tlsProvider() {
    return SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  /**
   * Event loops of the best transport here; {@code threads} 0 means Netty's default (2 per core).
   */
  public static EventLoopGroup group(int threads) {
    return nativeEpoll() ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
  }

  /** The listening socket class that registers on {@code group}. */
  public static Class<? extends ServerChannel> serverChannel(EventLoopGroup group) {
    return epoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** The connecting socket class that registers on {@code group} (or one of its loops). */
  public static Class<? extends SocketChannel> socketChannel(EventLoopGroup group) {
    return epoll(group) ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  private static boolean epoll(EventLoopGroup group) {
    EventLoopGroup owner =
        group instanceof io.netty.channel.EventLoop loop && loop.parent() != null
            ? loop.parent()
            : group;
    return owner instanceof EpollEventLoopGroup;
  }
}
