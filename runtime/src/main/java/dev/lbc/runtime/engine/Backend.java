package dev.lbc.runtime.engine;

import dev.lbc.compiler.value.IpAddress;
import dev.lbc.runtime.pool.Member;

/**
 * A pool member and where to reach it: the (mapped) address, and the port, or null to use the port
 * the client connected to (multi-port VIPs keep the client's port).
 */
public record Backend(Member member, String host, Integer port, int maxConnections) {
  public int portFor(int listenerPort) {
    return port != null ? port : listenerPort;
  }

  /** The address, and the port if the member has its own, as a log line names them. */
  public String endpoint() {
    return port == null ? host : ListenerKey.text(IpAddress.parse(host).get(), port);
  }
}
