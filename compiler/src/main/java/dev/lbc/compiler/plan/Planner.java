package dev.lbc.compiler.plan;

import dev.lbc.compiler.model.Appliance;
import dev.lbc.compiler.model.ApplianceInterface;
import dev.lbc.compiler.model.Arp;
import dev.lbc.compiler.model.Balance;
import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.HealthCheck;
import dev.lbc.compiler.model.Keyword;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.Namespace;
import dev.lbc.compiler.model.Persistence;
import dev.lbc.compiler.model.Protocol;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Server;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.plan.Plan.CertificatePlan;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.compiler.plan.Plan.InterfacePlan;
import dev.lbc.compiler.plan.Plan.LoopbackVip;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.NamespacePlan;
import dev.lbc.compiler.plan.Plan.ServerPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.plan.Plan.SourcePlan;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.IpNetwork;
import dev.lbc.compiler.value.SourceRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves a lint-clean model into a {@link Plan}: defaults applied (layer, protocol, balance,
 * timeouts of 30m, health checks per port, weight 100), references resolved, and the DR VIPs each
 * server must carry on its loopback adapter collected. A pure function.
 */
public final class Planner {
  /** The guides' layer 7 timeout. */
  public static final long DEFAULT_TIMEOUT_MS = 30 * 60_000L;

  /** HAProxy's default tune.bufsize. */
  public static final int DEFAULT_BUFFER = 16384;

  private Planner() {}

  public static Plan plan(Deployment d, String source) {
    Map<String, Server> servers = new HashMap<>();
    for (Server s : d.servers()) {
      servers.putIfAbsent(key(s.name()), s);
    }
    Map<String, String> checkHost = new HashMap<>();
    for (Namespace n : d.namespaces()) {
      checkHost.putIfAbsent(key(n.service()), n.host());
    }
    List<ServicePlan> services = new ArrayList<>();
    Map<String, Map<IpAddress, LoopbackVip>> drVips = new LinkedHashMap<>();
    for (Service s : d.services()) {
      services.add(service(s, servers, checkHost.get(key(s.name()))));
      if (s.mode() == Mode.DR) {
        for (RealServer r : s.realServers()) {
          drVips
              .computeIfAbsent(key(r.server()), k -> new LinkedHashMap<>())
              .putIfAbsent(s.vip(), loopbackVip(s.vip(), d));
        }
      }
    }
    List<ServerPlan> serverPlans = new ArrayList<>();
    for (Server s : d.servers()) {
      List<LoopbackVip> vips =
          new ArrayList<>(drVips.getOrDefault(key(s.name()), Map.of()).values());
      serverPlans.add(
          new ServerPlan(
              s.name(),
              s.address().text(),
              s.address().isV6(),
              s.os() == null ? "windows-2016" : s.os().word(),
              s.adapters().lan() == null ? "net" : s.adapters().lan(),
              s.adapters().loopback() == null ? "loopback" : s.adapters().loopback(),
              s.arp() != Arp.MANUAL,
              vips));
    }
    List<AppliancePlan> appliances = new ArrayList<>();
    appliances.add(appliance(d.appliances().primary(), "primary", 150, d, true));
    if (d.appliances().secondary() != null) {
      appliances.add(appliance(d.appliances().secondary(), "secondary", 100, d, false));
    }
    Map<String, Service> byName = new HashMap<>();
    d.services().forEach(s -> byName.putIfAbsent(key(s.name()), s));
    List<NamespacePlan> namespaces = new ArrayList<>();
    for (Namespace n : d.namespaces()) {
      Service s = byName.get(key(n.service()));
      namespaces.add(
          new NamespacePlan(
              n.host().toLowerCase(Locale.ROOT),
              s.name(),
              s.vip().text(),
              s.vip().isV6(),
              n.purposes().stream().map(Keyword::word).toList()));
    }
    String password = d.appliances().adminPassword();
    boolean fromEnv = password != null && password.startsWith("${env:");
    String env = fromEnv ? password.substring(6, password.length() - 1) : null;
    return new Plan(
        d.name(),
        source,
        d.exchange(),
        appliances,
        d.appliances().floatingIps().stream().map(IpNetwork::text).toList(),
        services,
        serverPlans,
        d.certificates().stream().map(c -> new CertificatePlan(c.name(), c.pem())).toList(),
        namespaces,
        d.tuning().requestBuffer() == null ? DEFAULT_BUFFER : d.tuning().requestBuffer(),
        d.appliances().adminPasswordHash(),
        env,
        fromEnv ? null : password);
  }

  private static AppliancePlan appliance(
      Appliance a, String role, int priority, Deployment d, boolean primary) {
    List<InterfacePlan> arms = new ArrayList<>();
    for (ApplianceInterface i : d.appliances().interfaces()) {
      IpNetwork n = primary ? i.address() : i.secondaryAddress();
      if (n != null) {
        arms.add(new InterfacePlan(i.name(), n.address().text(), n.prefix()));
      }
    }
    return new AppliancePlan(
        a.hostname(),
        role,
        a.address().address().text(),
        a.address().prefix(),
        a.interfaceName() == null ? "eth0" : a.interfaceName(),
        priority,
        arms);
  }

  /** An IPv4 VIP goes on the loopback as /32; an IPv6 one with the prefix of its network. */
  private static LoopbackVip loopbackVip(IpAddress vip, Deployment d) {
    if (!vip.isV6()) {
      return new LoopbackVip(vip.text(), false, 32);
    }
    int prefix = 128;
    List<IpNetwork> nets = new ArrayList<>(d.appliances().floatingIps());
    nets.add(d.appliances().primary().address());
    d.appliances().interfaces().forEach(i -> nets.add(i.address()));
    for (IpNetwork n : nets) {
      if (n.contains(vip)) {
        prefix = n.prefix();
        break;
      }
    }
    return new LoopbackVip(vip.text(), true, prefix);
  }

  private static ServicePlan service(Service s, Map<String, Server> servers, String host) {
    int layer = s.effectiveLayer();
    Protocol protocol = s.protocol() == null ? Protocol.TCP : s.protocol();
    List<MemberPlan> members = new ArrayList<>();
    for (RealServer r : s.realServers()) {
      Server server = servers.get(key(r.server()));
      members.add(
          new MemberPlan(
              server.name(),
              server.address().text(),
              server.address().isV6(),
              r.port(),
              r.weight() == null ? 100 : r.weight(),
              r.maxConnections() == null ? 0 : r.maxConnections(),
              r.minConnections() == null ? 0 : r.minConnections()));
    }
    List<SourcePlan> allow = new ArrayList<>();
    if (s.lockdown() != null) {
      for (SourceRange src : s.lockdown().allow()) {
        allow.add(
            new SourcePlan(
                src.kind().name().toLowerCase(Locale.ROOT), src.text(), src.first().isV6()));
      }
    }
    boolean keepsClientPort = s.realServers().stream().anyMatch(r -> r.port() == null);
    return new ServicePlan(
        s.name(),
        s.vip().text(),
        s.vip().isV6(),
        s.ports(),
        s.mode().word(),
        layer,
        protocol.word(),
        (s.balance() == null ? Balance.WEIGHTED_ROUND_ROBIN : s.balance()).word(),
        (s.persistence() == null ? Persistence.NONE : s.persistence()).word(),
        check(s, host, keepsClientPort),
        timeout(s.timeouts().client()),
        timeout(s.timeouts().server()),
        s.ssl() == null ? null : s.ssl().offload(),
        // An offloaded service is HTTPS on every one of its ports: a port left in clear text
        // would silently serve what the deployment says is encrypted.
        s.ssl() == null ? List.of() : s.ports(),
        s.ssl() != null && Boolean.TRUE.equals(s.ssl().reencrypt()),
        Boolean.TRUE.equals(s.xForwardedFor()),
        s.redirect() != null,
        allow,
        members);
  }

  private static long timeout(dev.lbc.compiler.value.Duration d) {
    return d == null ? DEFAULT_TIMEOUT_MS : d.millis();
  }

  /** The written check with HAProxy's defaults, or the guides' check for the service's port. */
  private static CheckPlan check(Service s, String host, boolean keepsClientPort) {
    if (s.redirect() != null) {
      return new CheckPlan("none", null, null, 200, 2000, 2, 3, null);
    }
    HealthCheck h = s.healthCheck();
    CheckType type;
    String path;
    if (h != null) {
      type = h.type();
      path = h.path();
    } else if (s.ports().contains(443)) {
      type =
          s.ssl() != null && !Boolean.TRUE.equals(s.ssl().reencrypt())
              ? CheckType.HTTP_GET
              : CheckType.HTTPS_GET;
      path = null;
    } else if (s.ports().contains(25)) {
      type = CheckType.SMTP_BANNER;
      path = null;
    } else {
      type = CheckType.TCP_CONNECT;
      path = null;
    }
    if ((type == CheckType.HTTPS_GET || type == CheckType.HTTP_GET) && path == null) {
      path = "/owa/healthcheck.htm";
    }
    Integer port = keepsClientPort ? s.ports().get(0) : null;
    return new CheckPlan(
        type.word(),
        path,
        h != null && h.host() != null ? h.host() : host,
        h != null && h.expect() != null ? h.expect() : 200,
        h != null && h.interval() != null ? h.interval().millis() : 2000,
        h != null && h.rise() != null ? h.rise() : 2,
        h != null && h.fall() != null ? h.fall() : 3,
        port);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
