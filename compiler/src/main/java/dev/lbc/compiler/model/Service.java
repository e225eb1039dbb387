package dev.lbc.compiler.model;

import dev.lbc.compiler.value.IpAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A virtual service: a VIP and its ports, forwarding mode and pool. Optional fields are null when
 * not written; the plan applies defaults (snat is layer 7, balance is weighted round robin...).
 *
 * @param vdirs the virtual directories routed and checked on their own, as written; empty when none
 *     are
 * @param vdirTimeouts timeouts written for single vdirs, in vdir order; a vdir without an entry (or
 *     a field not written in one) takes the service's
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
    List<Vdir> vdirs,
    Map<Vdir, Timeouts> vdirTimeouts,
    Src src) {
  public Service {
    ports = List.copyOf(ports);
    realServers = List.copyOf(realServers);
    vdirs = List.copyOf(vdirs);
    vdirTimeouts = Collections.unmodifiableMap(new TreeMap<>(vdirTimeouts));
  }

  /** The layer, defaulted: dr and nat are 4, tproxy is 7, snat is 7 unless written. */
  public int effectiveLayer() {
    if (layer != null) {
      return layer;
    }
    return mode == Mode.DR || mode == Mode.NAT ? 4 : 7;
  }
}
