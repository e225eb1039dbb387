package dev.lbc.runtime.engine;

import dev.lbc.compiler.value.IpAddress;
import dev.lbc.runtime.pool.Member;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A pool member and where to reach it: the (mapped) address, and the port, or null to use the port
 * the client connected to (multi-port VIPs keep the client's port).
 */
public record Backend(Member member, String host, Integer port, int maxConnections) {
  public int portFor(int listenerPort) {
    return port != null ? port : listenerPort;
  }

  /**
   * Where a connection for a listener on {@code listenerPort} goes: resolved here, and named by
   * {@link #host}. Netty names a connected channel's address after the one it was asked to connect
   * to; given only the text, it resolves it to an address without a name and then formats the name
   * anew, a String and its bytes held by every connection to a server.
   */
  public InetSocketAddress address(int listenerPort) {
    try {
      // a literal address (the plan's, mapped): parsed, never looked up
      InetAddress parsed = InetAddress.getByName(host);
      return new InetSocketAddress(
          InetAddress.getByAddress(host, parsed.getAddress()), portFor(listenerPort));
    } catch (UnknownHostException e) {
      return InetSocketAddress.createUnresolved(host, portFor(listenerPort));
    }
  }

  /** The address, and the port if the member has its own, as a log line names them. */
  public String endpoint() {
    return port == null ? host : ListenerKey.text(IpAddress.parse(host).get(), port);
  }
}
