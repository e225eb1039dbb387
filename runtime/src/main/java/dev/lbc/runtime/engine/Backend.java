package dev.lbc.runtime.engine;

import dev.lbc.runtime.pool.Member;

/**
 * A pool member and where to reach it: the (mapped) address, and the port, or null to use the port
 * the client connected to (multi-port VIPs keep the client's port).
 */
public record Backend(Member member, String host, Integer port, int maxConnections) {
  public int portFor(int listenerPort) {
    return port != null ? port : listenerPort;
  }
}
