package dev.lbc.compiler.plan;

import dev.lbc.compiler.cert.CertificateSource;
import dev.lbc.compiler.model.Auth;
import dev.lbc.compiler.model.Balance;
import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.model.ExchangeVersion;
import dev.lbc.compiler.model.Keyword;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.Os;
import dev.lbc.compiler.model.Persistence;
import dev.lbc.compiler.model.Protocol;
import dev.lbc.compiler.model.Purpose;
import dev.lbc.compiler.model.Vdir;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.IpNetwork;
import dev.lbc.compiler.value.SourceRange;
import java.util.List;

/**
 * The resolved, defaulted and decided deployment that backends and the runtime render from:
 * references replaced by what they name, defaults applied, every choice about the deployment made
 * (docs/adr/0012-the-plan-is-typed-and-decided.md), everything sorted as it will be written. Pure,
 * typed data: keywords are the model's enums and addresses are {@link IpAddress} values, so no
 * reader compares or re-parses strings. plan.json is its stable wire form ({@link PlanJson}).
 *
 * @param source the input file as the user named it, for file headers
 * @param extendedProtection whether Exchange runs with Extended Protection: as written, or the
 *     version's default
 * @param appliances the primary first, then the secondary if there is one
 * @param requestBuffer HAProxy tune.bufsize in bytes
 * @param adminPasswordHash the statistics page's crypt(3) hash, or null
 * @param adminPasswordEnv the environment variable HAProxy reads the statistics page's password
 *     from when it starts, or null
 * @param adminPasswordLiteral the statistics page's password as written in the deployment (LBC303
 *     warns about it), or null
 * @param outlookAnywhereAuth the client authentication Outlook Anywhere is set to: the deployment's
 *     {@code auth:}, with Kerberos as Negotiate (which uses Kerberos when it can) and Negotiate
 *     when none is written
 * @param vrrpId the pair's VRRP virtual router ID: written, or derived from the name ({@link
 *     Planner#vrrpId})
 */
public record Plan(
    String name,
    String source,
    ExchangeVersion exchange,
    boolean extendedProtection,
    Auth outlookAnywhereAuth,
    List<AppliancePlan> appliances,
    List<IpNetwork> floatingIps,
    List<ServicePlan> services,
    List<ServerPlan> servers,
    List<CertificatePlan> certificates,
    List<NamespacePlan> namespaces,
    int requestBuffer,
    String adminPasswordHash,
    String adminPasswordEnv,
    String adminPasswordLiteral,
    int vrrpId) {
  public Plan {
    appliances = List.copyOf(appliances);
    floatingIps = List.copyOf(floatingIps);
    services = List.copyOf(services);
    servers = List.copyOf(servers);
    certificates = List.copyOf(certificates);
    namespaces = List.copyOf(namespaces);
  }

  public boolean isHaPair() {
    return appliances.size() == 2;
  }

  /** The primary appliance: the one {@code lbc run} stands in for, and the RUNBOOK's first. */
  public AppliancePlan primary() {
    return appliances.stream()
        .filter(a -> a.role() == Role.PRIMARY)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("a plan without a primary appliance"));
  }

  /** The other appliance of the pair, or null for a single appliance. */
  public AppliancePlan peerOf(AppliancePlan a) {
    return appliances.stream().filter(p -> p.role() != a.role()).findFirst().orElse(null);
  }

  /** An appliance's part in the VRRP pair. */
  public enum Role implements Keyword {
    PRIMARY,
    SECONDARY
  }

  /**
   * One appliance: its address on the main interface, its VRRP priority, and the addresses it
   * brings up when it is master.
   *
   * @param virtualAddresses decided by the planner for this appliance: every service VIP (in
   *     service order, each once), then every floating IP, on the interface and with the prefix of
   *     the appliance network that holds it
   */
  public record AppliancePlan(
      String hostname,
      Role role,
      IpAddress address,
      int prefix,
      String iface,
      int priority,
      List<InterfacePlan> extraInterfaces,
      List<VirtualAddress> virtualAddresses) {
    public AppliancePlan {
      extraInterfaces = List.copyOf(extraInterfaces);
      virtualAddresses = List.copyOf(virtualAddresses);
    }
  }

  /** An extra arm of an appliance, with this appliance's address on it. */
  public record InterfacePlan(String name, IpAddress address, int prefix) {}

  /**
   * An address an appliance brings up: a VIP or a floating IP, with the prefix of its network and
   * the interface that network is on (the VIP's own width, /32 or /128, on the main interface when
   * no network of the appliance holds it).
   */
  public record VirtualAddress(IpAddress address, int prefix, String iface) {}

  /**
   * A service with every default applied.
   *
   * @param certificate the certificate name for SSL offload, or null
   * @param tlsPorts the ports on which the appliance terminates TLS with {@code certificate}:
   *     decided here, once, so that every engine terminates TLS on the same ports
   * @param allow lockdown sources as written (address, a-b range, or CIDR); empty: no lockdown
   * @param check the check of the service's own pool: with {@code vdirs}, of the default backend,
   *     which serves the paths of every vdir not listed
   * @param vdirs one backend per listed vdir, in the order written; empty: the service routes every
   *     request to its one pool, as it always did (docs/adr/0019-per-vdir-routing.md)
   */
  public record ServicePlan(
      String name,
      IpAddress vip,
      List<Integer> ports,
      Mode mode,
      int layer,
      Protocol protocol,
      Balance balance,
      Persistence persistence,
      CheckPlan check,
      long clientTimeoutMs,
      long serverTimeoutMs,
      String certificate,
      List<Integer> tlsPorts,
      boolean reencrypt,
      boolean xForwardedFor,
      boolean redirectHttps,
      List<SourceRange> allow,
      List<MemberPlan> members,
      List<VdirPlan> vdirs) {
    public ServicePlan {
      ports = List.copyOf(ports);
      tlsPorts = List.copyOf(tlsPorts);
      allow = List.copyOf(allow);
      members = List.copyOf(members);
      vdirs = List.copyOf(vdirs);
    }

    /** The vdir backend that serves {@code path}, or null for the service's default backend. */
    public VdirPlan vdirFor(String path) {
      for (VdirPlan v : vdirs) {
        if (v.vdir().matches(path)) {
          return v;
        }
      }
      return null;
    }

    /**
     * True if the servers see the client's own address: every mode but SNAT (layer 4 DR and NAT
     * keep it, TPROXY binds it), so a receive connector can tell clients apart.
     */
    public boolean transparent() {
      return mode != Mode.SNAT;
    }

    /** True if the appliance terminates TLS on {@code port}. */
    public boolean terminatesTls(int port) {
      return tlsPorts.contains(port);
    }

    /**
     * True if members share connections by their weights. Unweighted balancing counts every member
     * alike, but weight 0 still halts one (ADR 0005), in every engine.
     */
    public boolean weighted() {
      return balance == Balance.WEIGHTED_ROUND_ROBIN
          || balance == Balance.WEIGHTED_LEAST_CONNECTION;
    }

    /** True if the balancing algorithm counts connections rather than taking turns. */
    public boolean leastConnection() {
      return balance == Balance.LEAST_CONNECTION || balance == Balance.WEIGHTED_LEAST_CONNECTION;
    }

    /** True if the service parses HTTP (layer 7 with protocol http). */
    public boolean http() {
      return protocol == Protocol.HTTP;
    }

    /**
     * The port on which member {@code m} is health-checked for connections to {@code vipPort}. A
     * layer 7 engine checks each member once for all of the VIP's ports: on the check's port when
     * members keep the client's port, else on the member's own port. IPVS checks the real servers
     * of each virtual server (one per VIP port) where that virtual server sends them.
     */
    public int checkPort(MemberPlan m, int vipPort) {
      if (layer == 7 && check.port() != null) {
        return check.port();
      }
      return m.portFor(vipPort);
    }
  }

  /**
   * One vdir of a service: its own backend, with the service's members and its own check.
   *
   * @param backendName the HAProxy backend and engine pool name: {@code <service>-<vdir word>}
   * @param check a GET of {@link Vdir#checkPath()} expecting 200, with the interval, rise, fall,
   *     host, port and scheme of the service's check
   * @param clientTimeoutMs as written for the vdir, else the service's
   * @param serverTimeoutMs as written for the vdir, else the service's
   */
  public record VdirPlan(
      Vdir vdir, String backendName, CheckPlan check, long clientTimeoutMs, long serverTimeoutMs) {}

  /**
   * A health check with HAProxy's semantics (inter 2s, rise 2, fall 3 by default).
   *
   * @param port the port to check when members keep the client's port (multi-port VIPs), else null
   * @param defaulted true when the service writes no health check and gets the guides' check for
   *     its port ({@link Planner#defaultCheck}), so that plan.json and the RUNBOOK say so
   */
  public record CheckPlan(
      CheckType type,
      String path,
      String host,
      int expect,
      long intervalMs,
      int rise,
      int fall,
      Integer port,
      boolean defaulted) {
    /** True for the checks that send an HTTP request (https-get and http-get). */
    public boolean http() {
      return type == CheckType.HTTPS_GET || type == CheckType.HTTP_GET;
    }
  }

  /** A real server in a service's pool; {@code port} null means the client's port. */
  public record MemberPlan(
      String server,
      IpAddress address,
      Integer port,
      int weight,
      int maxConnections,
      int minConnections) {
    /**
     * The port this member receives the connections made to {@code vipPort} on. A DR member never
     * has another port than the VIP's: LBC101 refuses the deployment.
     */
    public int portFor(int vipPort) {
      return port != null ? port : vipPort;
    }
  }

  /**
   * An Exchange server and what its prepare script sets (docs/adr/0017-server-preparation.md).
   *
   * @param loopbackVips the DR VIPs it must carry on its loopback adapter
   * @param tcpKeepAliveMs its TCP KeepAliveTime, in milliseconds
   * @param gateway the default gateway it must use, decided by the planner for a server of a NAT or
   *     TPROXY service (whose replies must return through the appliance); null: left as it is
   * @param logForwardedFor true if a service it serves inserts X-Forwarded-For, so its IIS logs the
   *     header
   */
  public record ServerPlan(
      String name,
      IpAddress address,
      Os os,
      String lanAdapter,
      String loopbackAdapter,
      boolean generateArp,
      List<LoopbackVip> loopbackVips,
      long tcpKeepAliveMs,
      IpAddress gateway,
      boolean logForwardedFor) {
    public ServerPlan {
      loopbackVips = List.copyOf(loopbackVips);
    }
  }

  /** A DR VIP on a server's loopback adapter, with the prefix to configure (32 / the v6 net). */
  public record LoopbackVip(IpAddress address, int prefix) {}

  /**
   * A certificate: its file (PEM or PKCS#12, relative to the input file) and, for PKCS#12, its
   * password as written; every reader goes through {@link dev.lbc.compiler.cert.CertificateReader}.
   */
  public record CertificatePlan(String name, CertificateSource source) {}

  /** A namespace and the VIP its DNS record points at. */
  public record NamespacePlan(String host, String service, IpAddress vip, List<Purpose> purposes) {
    public NamespacePlan {
      purposes = List.copyOf(purposes);
    }
  }
}
