package dev.lbc.compiler.model;

import dev.lbc.compiler.value.IpAddress;
import java.util.List;

/**
 * A virtual service: a VIP and its ports, forwarding mode and pool. Optional fields are null when
 * not written; the plan applies defaults (snat is layer 7, balance is weighted round robin...).
 */
public record Service(
    String name,
    IpAddress vip,
    List<Integer> ports,
    Mode mode,
    Integer layer,
    Protocol protocol,
    Balance balance,
    Persistence persistence,
    HealthCheck healthCheck,
    Timeouts timeouts,
    Ssl ssl,
    Boolean xForwardedFor,
    Redirect redirect,
    Lockdown lockdown,
    List<RealServer> realServers,
    Src src) {
  public Service {
    ports = List.copyOf(ports);
    realServers = List.copyOf(realServers);
  }

  /** The layer, defaulted: dr and nat are 4, tproxy is 7, snat is 7 unless written. */
  public int effectiveLayer() {
    if (layer != null) {
      return layer;
    }
    return mode == Mode.DR || mode == Mode.NAT ? 4 : 7;
  }
}
