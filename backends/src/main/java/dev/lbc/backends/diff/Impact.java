package dev.lbc.backends.diff;

import dev.lbc.backends.diff.DeploymentDiff.FileChange;
import dev.lbc.backends.diff.ModelChange.Kind;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.NamespacePlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.value.IpNetwork;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a change means for each target, as an operator rolls it out.
 *
 * @param targets per appliance ({@code appliances/HOST}), server ({@code servers/NAME}) or the
 *     Exchange organisation ({@code exchange}): the actions, in the order they are done
 * @param dns the DNS records to change, one line each
 * @param drops the changes that drop client connections, one line each; empty: none does
 */
public record Impact(
    SortedMap<String, List<String>> targets, List<String> dns, List<String> drops) {
  public Impact {
    targets = Collections.unmodifiableSortedMap(new TreeMap<>(targets));
    dns = List.copyOf(dns);
    drops = List.copyOf(drops);
  }

  /** True if no target has anything to do. */
  public boolean empty() {
    return targets.isEmpty() && dns.isEmpty() && drops.isEmpty();
  }

  static Impact of(Plan before, Plan after, List<FileChange> files) {
    return new Impact(targets(files), dns(before, after), drops(before, after));
  }

  /** Which of a target's files changed says what must be done there. */
  private static SortedMap<String, List<String>> targets(List<FileChange> files) {
    Map<String, Set<String>> actions = new TreeMap<>();
    for (FileChange f : files) {
      String[] parts = f.path().split("/");
      if (parts.length < 2) {
        continue;
      }
      String target = parts.length == 2 ? parts[0] : parts[0] + "/" + parts[1];
      String name = parts[parts.length - 1];
      String action = action(parts[0], name, f.kind());
      if (action != null) {
        actions.computeIfAbsent(target, t -> new LinkedHashSet<>()).add(action);
      }
    }
    SortedMap<String, List<String>> out = new TreeMap<>();
    actions.forEach((t, a) -> out.put(t, a.stream().sorted().toList()));
    return out;
  }

  private static String action(String area, String file, Kind kind) {
    if (kind == Kind.REMOVED && !area.equals("exchange")) {
      return "decommission: " + file + " is no longer generated";
    }
    String verb = kind == Kind.ADDED ? "install " : "";
    return switch (area + "/" + file) {
      case "appliances/haproxy.cfg" -> verb + "reload HAProxy";
      case "appliances/keepalived.conf" -> verb + "restart keepalived";
      case "appliances/firewall.rules", "appliances/firewall-chains.rules" ->
          verb + "reload the firewall";
      case "appliances/sysctl.conf" -> verb + "apply sysctl.conf (sysctl -p)";
      case "servers/prepare.ps1" ->
          kind == Kind.ADDED ? "run prepare.ps1 (a new server)" : "re-run prepare.ps1";
      case "exchange/configure-exchange.ps1" -> "re-run configure-exchange.ps1";
      case "exchange/install-certificate.ps1" -> "re-run install-certificate.ps1";
      default -> null;
    };
  }

  /** A namespace's A/AAAA record follows its service's VIP. */
  private static List<String> dns(Plan before, Plan after) {
    Map<String, NamespacePlan> a = byName(before.namespaces(), NamespacePlan::host);
    Map<String, NamespacePlan> b = byName(after.namespaces(), NamespacePlan::host);
    List<String> out = new ArrayList<>();
    a.forEach(
        (host, n) -> {
          NamespacePlan m = b.get(host);
          if (m == null) {
            out.add("remove " + host + " (was " + n.vip() + ")");
          } else if (!Objects.equals(n.vip(), m.vip())) {
            out.add("change " + host + ": " + n.vip() + " → " + m.vip());
          }
        });
    b.forEach(
        (host, m) -> {
          if (!a.containsKey(host)) {
            out.add("add " + host + " → " + m.vip());
          }
        });
    return out;
  }

  /**
   * A connection lives on a VIP, a port and a member: taking one away drops the connections on it.
   * A weight set to 0 drains (new connections go elsewhere); it drops nothing, so it is not here.
   */
  private static List<String> drops(Plan before, Plan after) {
    Map<String, ServicePlan> b = byName(after.services(), ServicePlan::name);
    List<String> out = new ArrayList<>();
    for (ServicePlan s : before.services()) {
      ServicePlan t = b.get(s.name());
      if (t == null) {
        out.add("service " + s.name() + " removed: " + s.vip() + " " + s.ports() + " stops");
        continue;
      }
      if (!Objects.equals(s.vip(), t.vip())) {
        out.add("service " + s.name() + ": VIP moved " + s.vip() + " → " + t.vip());
      }
      List<Integer> gone = s.ports().stream().filter(p -> !t.ports().contains(p)).toList();
      if (!gone.isEmpty()) {
        out.add("service " + s.name() + ": port " + join(gone) + " removed");
      }
      if (s.mode() != t.mode() || s.layer() != t.layer()) {
        out.add(
            "service "
                + s.name()
                + ": forwarding changes (layer "
                + s.layer()
                + " "
                + s.mode().word()
                + " → layer "
                + t.layer()
                + " "
                + t.mode().word()
                + ")");
      }
      Set<String> members =
          t.members().stream().map(MemberPlan::server).collect(Collectors.toSet());
      for (MemberPlan m : s.members()) {
        if (!members.contains(m.server())) {
          out.add("service " + s.name() + ": server " + m.server() + " leaves the pool");
        }
      }
    }
    for (IpNetwork f : before.floatingIps()) {
      if (!after.floatingIps().contains(f)) {
        out.add("floating IP " + f + " removed");
      }
    }
    return out;
  }

  private static String join(List<Integer> ports) {
    return ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static <T> Map<String, T> byName(List<T> list, Function<T, String> name) {
    Map<String, T> m = new LinkedHashMap<>();
    list.forEach(e -> m.putIfAbsent(name.apply(e), e));
    return m;
  }
}
