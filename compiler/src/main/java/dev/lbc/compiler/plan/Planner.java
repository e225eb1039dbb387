package dev.lbc.compiler.plan;

import dev.lbc.compiler.model.Appliance;
import dev.lbc.compiler.model.ApplianceInterface;
import dev.lbc.compiler.model.Arp;
import dev.lbc.compiler.model.Auth;
import dev.lbc.compiler.model.Balance;
import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.HealthCheck;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.Namespace;
import dev.lbc.compiler.model.Os;
import dev.lbc.compiler.model.Persistence;
import dev.lbc.compiler.model.Protocol;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Server;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.model.Timeouts;
import dev.lbc.compiler.model.Vdir;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.plan.Plan.CertificatePlan;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.compiler.plan.Plan.InterfacePlan;
import dev.lbc.compiler.plan.Plan.LoopbackVip;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.NamespacePlan;
import dev.lbc.compiler.plan.Plan.Role;
import dev.lbc.compiler.plan.Plan.ServerPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.plan.Plan.VdirPlan;
import dev.lbc.compiler.plan.Plan.VirtualAddress;
import dev.lbc.compiler.value.Duration;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.IpNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a lint-clean model into a {@link Plan}: defaults applied (layer, protocol, balance,
 * timeouts of 30m, health checks per port, weight 100), references resolved, the DR VIPs each
 * server must carry on its loopback adapter collected, and each appliance's VIPs placed on its
 * interfaces. Every choice a backend or the runtime would otherwise make is made here, once
 * (docs/adr/0012-the-plan-is-typed-and-decided.md). A pure function.
 */
public final class Planner {
  /** The guides' layer 7 timeout. */
  public static final long DEFAULT_TIMEOUT_MS = 30 * 60_000L;

  /**
   * The servers' TCP KeepAliveTime when the deployment writes none: 30 minutes, the top of
   * Microsoft's Exchange guidance (15 to 30) and no longer than lbc's default idle timeout.
   */
  public static final long DEFAULT_TCP_KEEPALIVE_MS = 30 * 60_000L;

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
    Set<String> routed = new HashSet<>();
    Set<String> forwardedFor = new HashSet<>();
    for (Service s : d.services()) {
      for (RealServer r : s.realServers()) {
        if (s.mode() == Mode.NAT || s.mode() == Mode.TPROXY) {
          routed.add(key(r.server()));
        }
        if (Boolean.TRUE.equals(s.xForwardedFor())) {
          forwardedFor.add(key(r.server()));
        }
      }
    }
    long keepAlive =
        d.serversTcpKeepalive() == null
            ? DEFAULT_TCP_KEEPALIVE_MS
            : d.serversTcpKeepalive().millis();
    List<ServerPlan> serverPlans = new ArrayList<>();
    for (Server s : d.servers()) {
      List<LoopbackVip> vips =
          new ArrayList<>(drVips.getOrDefault(key(s.name()), Map.of()).values());
      serverPlans.add(
          new ServerPlan(
              s.name(),
              s.address(),
              s.os() == null ? Os.WINDOWS_2016 : s.os(),
              s.adapters().lan() == null ? "net" : s.adapters().lan(),
              s.adapters().loopback() == null ? "loopback" : s.adapters().loopback(),
              s.arp() != Arp.MANUAL,
              vips,
              keepAlive,
              routed.contains(key(s.name())) ? gateway(s, d) : null,
              forwardedFor.contains(key(s.name()))));
    }
    List<AppliancePlan> appliances = new ArrayList<>();
    appliances.add(appliance(d.appliances().primary(), Role.PRIMARY, 150, d));
    if (d.appliances().secondary() != null) {
      appliances.add(appliance(d.appliances().secondary(), Role.SECONDARY, 100, d));
    }
    Map<String, Service> byName = new HashMap<>();
    d.services().forEach(s -> byName.putIfAbsent(key(s.name()), s));
    List<NamespacePlan> namespaces = new ArrayList<>();
    for (Namespace n : d.namespaces()) {
      Service s = byName.get(key(n.service()));
      namespaces.add(
          new NamespacePlan(n.host().toLowerCase(Locale.ROOT), s.name(), s.vip(), n.purposes()));
    }
    String password = d.appliances().adminPassword();
    boolean fromEnv = password != null && password.startsWith("${env:");
    String env = fromEnv ? password.substring(6, password.length() - 1) : null;
    return new Plan(
        d.name(),
        source,
        d.exchange(),
        d.effectiveExtendedProtection(),
        d.auth() == null || d.auth() == Auth.KERBEROS ? Auth.NEGOTIATE : d.auth(),
        appliances,
        d.appliances().floatingIps(),
        services,
        serverPlans,
        d.certificates().stream().map(c -> new CertificatePlan(c.name(), c.source())).toList(),
        namespaces,
        d.tuning().requestBuffer() == null ? DEFAULT_BUFFER : d.tuning().requestBuffer(),
        d.appliances().adminPasswordHash(),
        env,
        fromEnv ? null : password,
        vrrpId(d));
  }

  /**
   * The pair's VRRP virtual router ID: {@code appliances.vrrp-id}, or one derived from the
   * deployment's name, stably (the same name gives the same ID on every run, machine and version):
   * the name's Java string hash, modulo 255, plus 1, so 1-255. Two deployments on one network may
   * still draw the same one; LBC117 finds that when they are linted together, and {@code vrrp-id}
   * settles it (docs/adr/0018-vrrp-id-and-run-rules.md).
   */
  public static int vrrpId(Deployment d) {
    Integer written = d.appliances().vrrpId();
    return written != null ? written : Math.floorMod(d.name().hashCode(), 255) + 1;
  }

  /**
   * The default gateway of a server whose replies must return through the appliance (NAT, TPROXY):
   * the one written; else the floating IP on the server's network; else, for a single appliance,
   * the appliance's own address on it, which the guides allow since no other appliance takes over.
   * Null when none is found (LBC105 and LBC106 report the server, and accept an unwritten gateway
   * that this finds, since it is what the server's prepare.ps1 sets).
   */
  public static IpAddress gateway(Server s, Deployment d) {
    if (s.gateway() != null) {
      return s.gateway();
    }
    for (IpNetwork f : d.appliances().floatingIps()) {
      if (f.contains(s.address())) {
        return f.address();
      }
    }
    if (d.appliances().secondary() == null) {
      List<IpNetwork> own = new ArrayList<>();
      own.add(d.appliances().primary().address());
      d.appliances().interfaces().forEach(i -> own.add(i.address()));
      for (IpNetwork n : own) {
        if (n != null && n.contains(s.address())) {
          return n.address();
        }
      }
    }
    return null;
  }

  private static AppliancePlan appliance(Appliance a, Role role, int priority, Deployment d) {
    String iface = a.interfaceName() == null ? "eth0" : a.interfaceName();
    List<InterfacePlan> arms = new ArrayList<>();
    for (ApplianceInterface i : d.appliances().interfaces()) {
      IpNetwork n = role == Role.PRIMARY ? i.address() : i.secondaryAddress();
      if (n != null) {
        arms.add(new InterfacePlan(i.name(), n.address(), n.prefix()));
      }
    }
    List<VirtualAddress> virtual = new ArrayList<>();
    for (Service s : d.services()) {
      virtual.add(placeVip(s.vip(), a.address(), iface, arms));
    }
    for (IpNetwork f : d.appliances().floatingIps()) {
      // A floating IP is written with its prefix; only its interface is found.
      VirtualAddress at = placeVip(f.address(), a.address(), iface, arms);
      virtual.add(new VirtualAddress(f.address(), f.prefix(), at.iface()));
    }
    return new AppliancePlan(
        a.hostname(),
        role,
        a.address().address(),
        a.address().prefix(),
        iface,
        priority,
        arms,
        virtual.stream().distinct().toList());
  }

  /**
   * Where an appliance brings {@code vip} up: on the interface of the appliance network that holds
   * it (the main interface's first, then each extra arm's), with that network's prefix, so that the
   * kernel routes the VIP's subnet out of the right arm. A VIP in none of them goes on the main
   * interface as a host address (/32, /128).
   */
  static VirtualAddress placeVip(
      IpAddress vip, IpNetwork main, String mainIface, List<InterfacePlan> arms) {
    if (main.contains(vip)) {
      return new VirtualAddress(vip, main.prefix(), mainIface);
    }
    for (InterfacePlan arm : arms) {
      if (new IpNetwork(arm.address(), arm.prefix()).contains(vip)) {
        return new VirtualAddress(vip, arm.prefix(), arm.name());
      }
    }
    return new VirtualAddress(vip, vip.bits(), mainIface);
  }

  /** An IPv4 VIP goes on the loopback as /32; an IPv6 one with the prefix of its network. */
  private static LoopbackVip loopbackVip(IpAddress vip, Deployment d) {
    if (!vip.isV6()) {
      return new LoopbackVip(vip, 32);
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
    return new LoopbackVip(vip, prefix);
  }

  private static ServicePlan service(Service s, Map<String, Server> servers, String host) {
    List<MemberPlan> members = new ArrayList<>();
    for (RealServer r : s.realServers()) {
      Server server = servers.get(key(r.server()));
      members.add(
          new MemberPlan(
              server.name(),
              server.address(),
              r.port(),
              r.weight() == null ? 100 : r.weight(),
              r.maxConnections() == null ? 0 : r.maxConnections(),
              r.minConnections() == null ? 0 : r.minConnections()));
    }
    boolean keepsClientPort = s.realServers().stream().anyMatch(r -> r.port() == null);
    CheckPlan check = check(s, host, keepsClientPort);
    return new ServicePlan(
        s.name(),
        s.vip(),
        s.ports(),
        s.mode(),
        s.effectiveLayer(),
        s.protocol() == null ? Protocol.TCP : s.protocol(),
        s.balance() == null ? Balance.WEIGHTED_ROUND_ROBIN : s.balance(),
        s.persistence() == null ? Persistence.NONE : s.persistence(),
        check,
        timeout(s.timeouts().client()),
        timeout(s.timeouts().server()),
        s.ssl() == null ? null : s.ssl().offload(),
        // An offloaded service is HTTPS on every one of its ports: a port left in clear text
        // would silently serve what the deployment says is encrypted.
        s.ssl() == null ? List.of() : s.ports(),
        s.ssl() != null && Boolean.TRUE.equals(s.ssl().reencrypt()),
        Boolean.TRUE.equals(s.xForwardedFor()),
        s.redirect() != null,
        s.lockdown() == null ? List.of() : s.lockdown().allow(),
        members,
        s.vdirs().stream().map(v -> vdir(s, v, check)).toList());
  }

  private static long timeout(Duration d) {
    return d == null ? DEFAULT_TIMEOUT_MS : d.millis();
  }

  /**
   * A vdir's backend: the service's members behind the vdir's own health page, checked as often and
   * on the same port and host as the service's pool, over HTTPS only when the members are reached
   * over HTTPS. Its timeouts are the ones written for it, field by field, else the service's.
   */
  static VdirPlan vdir(Service s, Vdir v, CheckPlan serviceCheck) {
    CheckType type =
        serviceCheck.http()
            ? serviceCheck.type()
            : s.ssl() != null && Boolean.TRUE.equals(s.ssl().reencrypt())
                ? CheckType.HTTPS_GET
                : CheckType.HTTP_GET;
    CheckPlan check =
        new CheckPlan(
            type,
            v.checkPath(),
            serviceCheck.host(),
            200,
            serviceCheck.intervalMs(),
            serviceCheck.rise(),
            serviceCheck.fall(),
            serviceCheck.port(),
            false);
    Timeouts written = s.vdirTimeouts().get(v);
    Duration client = written == null ? null : written.client();
    Duration server = written == null ? null : written.server();
    return new VdirPlan(
        v,
        s.name() + "-" + v.word(),
        check,
        client != null ? client.millis() : timeout(s.timeouts().client()),
        server != null ? server.millis() : timeout(s.timeouts().server()));
  }

  /** The page the guides check on an HTTPS service: OWA's, which follows the protocol's state. */
  public static final String DEFAULT_CHECK_PATH = "/owa/healthcheck.htm";

  /**
   * The health check of a service that writes none, as the guides set it: a GET of {@link
   * #DEFAULT_CHECK_PATH} expecting 200 on 443 (over HTTPS, or in clear when SSL is offloaded
   * without re-encryption, since the servers then speak HTTP), the SMTP banner on 25, else a TCP
   * connect; none on a redirect service. LBC203 suggests the same check, so the rule and the build
   * never disagree. HAProxy's timing (inter 2s, rise 2, fall 3); no host and no port, which the
   * plan adds from the namespaces and the members.
   */
  public static CheckPlan defaultCheck(Service s) {
    CheckType type;
    if (s.redirect() != null) {
      type = CheckType.NONE;
    } else if (s.ports().contains(443)) {
      type = cleartextToServers(s) ? CheckType.HTTP_GET : CheckType.HTTPS_GET;
    } else if (s.ports().contains(25)) {
      type = CheckType.SMTP_BANNER;
    } else {
      type = CheckType.TCP_CONNECT;
    }
    boolean http = type == CheckType.HTTPS_GET || type == CheckType.HTTP_GET;
    return new CheckPlan(type, http ? DEFAULT_CHECK_PATH : null, null, 200, 2000, 2, 3, null, true);
  }

  private static boolean cleartextToServers(Service s) {
    return s.ssl() != null && !Boolean.TRUE.equals(s.ssl().reencrypt());
  }

  /**
   * The check the build gives {@code s}: what it writes over {@link #defaultCheck}, an HTTP check
   * without a path requesting {@link #DEFAULT_CHECK_PATH}; no host and no port yet. LBC203 judges
   * this, so that the rule speaks about what is emitted, not about what is written.
   */
  public static CheckPlan emittedCheck(Service s) {
    CheckPlan d = defaultCheck(s);
    HealthCheck h = s.healthCheck();
    if (h == null || s.redirect() != null) {
      return d;
    }
    String path = h.path();
    if ((h.type() == CheckType.HTTPS_GET || h.type() == CheckType.HTTP_GET) && path == null) {
      path = DEFAULT_CHECK_PATH;
    }
    return new CheckPlan(
        h.type(),
        path,
        h.host(),
        h.expect() != null ? h.expect() : d.expect(),
        h.interval() != null ? h.interval().millis() : d.intervalMs(),
        h.rise() != null ? h.rise() : d.rise(),
        h.fall() != null ? h.fall() : d.fall(),
        null,
        false);
  }

  /** The emitted check, with the namespace's host and the port of multi-port members. */
  private static CheckPlan check(Service s, String host, boolean keepsClientPort) {
    CheckPlan c = emittedCheck(s);
    if (s.redirect() != null) {
      return c;
    }
    return new CheckPlan(
        c.type(),
        c.path(),
        c.host() != null ? c.host() : host,
        c.expect(),
        c.intervalMs(),
        c.rise(),
        c.fall(),
        // Members that keep the client's port have no port of their own to check.
        keepsClientPort ? s.ports().get(0) : null,
        c.defaulted());
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
