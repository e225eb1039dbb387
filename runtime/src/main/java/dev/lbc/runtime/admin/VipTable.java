package dev.lbc.runtime.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The status page's VIP table, from what either engine knows per listening socket. A VIP is {@code
 * listening} when every VIP:port of it is, {@code failed} when one is not (its listeners say
 * which), and {@code not served} when this engine runs none of its ports (layer 4 without IPVS).
 */
public final class VipTable {
  private VipTable() {}

  /** A listener's state. */
  public static final String LISTENING = "listening";

  public static final String FAILED = "failed";
  public static final String NOT_SERVED = "not served";

  /**
   * One VIP:port of a service. The counts are the service's (null: this engine does not know it); a
   * service with several ports on one VIP is counted once.
   *
   * @param vip the deployment's VIP
   * @param address where it is bound (differs from {@code vip} under {@code --bind-map})
   */
  public record Row(
      String vip,
      String address,
      String service,
      int port,
      String state,
      Long lockdown,
      Long noServer,
      Long overLimit) {}

  /** The VIPs in the order first seen, each with its role from {@code role} (by bound address). */
  public static List<Map<String, Object>> of(List<Row> rows, Function<String, String> role) {
    Map<String, List<Row>> byVip = new LinkedHashMap<>();
    rows.forEach(r -> byVip.computeIfAbsent(r.vip(), k -> new ArrayList<>()).add(r));
    List<Map<String, Object>> vips = new ArrayList<>();
    for (List<Row> group : byVip.values()) {
      Row first = group.get(0);
      List<Object> listeners = new ArrayList<>();
      Set<String> counted = new LinkedHashSet<>();
      Long lockdown = null;
      Long noServer = null;
      Long overLimit = null;
      for (Row r : group) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("port", r.port());
        l.put("service", r.service());
        l.put("state", r.state());
        listeners.add(l);
        if (counted.add(r.service())) {
          lockdown = sum(lockdown, r.lockdown());
          noServer = sum(noServer, r.noServer());
          overLimit = sum(overLimit, r.overLimit());
        }
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("vip", first.vip());
      o.put("address", first.address());
      o.put("state", state(group));
      o.put("role", role.apply(first.address()));
      o.put("refused", orZero(sum(sum(lockdown, noServer), overLimit)));
      o.put("refusedLockdown", lockdown);
      o.put("refusedNoServer", noServer);
      o.put("refusedOverLimit", overLimit);
      o.put("listeners", listeners);
      vips.add(o);
    }
    return vips;
  }

  static String state(List<Row> group) {
    if (group.stream().anyMatch(r -> r.state().equals(FAILED))) {
      return FAILED;
    }
    if (group.stream().anyMatch(r -> r.state().equals(LISTENING))) {
      return LISTENING;
    }
    return group.get(0).state();
  }

  /** A sum where an unknown part (null) is left out; unknown only when every part is. */
  private static Long sum(Long a, Long b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return a + b;
  }

  private static Long orZero(Long v) {
    return v == null ? 0L : v;
  }
}
