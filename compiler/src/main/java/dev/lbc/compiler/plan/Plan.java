package dev.lbc.compiler.plan;

import java.util.List;

/**
 * The resolved, defaulted deployment that backends render from: references replaced by what they
 * name, defaults applied, everything sorted as it will be written. Pure data; plan.json is its
 * stable serialization.
 *
 * @param source the input file as the user named it, for file headers
 * @param appliances the primary first, then the secondary if there is one
 * @param requestBuffer HAProxy tune.bufsize in bytes
 * @param adminPasswordHash the statistics page's crypt(3) hash, or null
 * @param adminPasswordEnv the environment variable HAProxy reads the statistics page's password
 *     from when it starts, or null
 * @param adminPasswordLiteral the statistics page's password as written in the deployment (LBC303
 *     warns about it), or null
 */
public record Plan(
    String name,
    String source,
    int exchange,
    List<AppliancePlan> appliances,
    List<String> floatingIps,
    List<ServicePlan> services,
    List<ServerPlan> servers,
    List<CertificatePlan> certificates,
    List<NamespacePlan> namespaces,
    int requestBuffer,
    String adminPasswordHash,
    String adminPasswordEnv,
    String adminPasswordLiteral) {
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

  /** One appliance: its address on the main interface and its VRRP priority. */
  public record AppliancePlan(
      String hostname,
      String role,
      String address,
      int prefix,
      String iface,
      int priority,
      List<InterfacePlan> extraInterfaces) {
    public AppliancePlan {
      extraInterfaces = List.copyOf(extraInterfaces);
    }
  }

  /** An extra arm of an appliance, with this appliance's address on it. */
  public record InterfacePlan(String name, String address, int prefix) {}

  /**
   * A service with every default applied.
   *
   * @param balance HAProxy/LVS-neutral word: weighted-round-robin, round-robin, ...
   * @param certificate the certificate name for SSL offload, or null
   * @param tlsPorts the ports on which the appliance terminates TLS with {@code certificate}:
   *     decided here, once, so that every engine terminates TLS on the same ports
   * @param allow lockdown sources as written (address, a-b range, or CIDR); empty: no lockdown
   */
  public record ServicePlan(
      String name,
      String vip,
      boolean vipIsV6,
      List<Integer> ports,
      String mode,
      int layer,
      String protocol,
      String balance,
      String persistence,
      CheckPlan check,
      long clientTimeoutMs,
      long serverTimeoutMs,
      String certificate,
      List<Integer> tlsPorts,
      boolean reencrypt,
      boolean xForwardedFor,
      boolean redirectHttps,
      List<SourcePlan> allow,
      List<MemberPlan> members) {
    public ServicePlan {
      ports = List.copyOf(ports);
      tlsPorts = List.copyOf(tlsPorts);
      allow = List.copyOf(allow);
      members = List.copyOf(members);
    }

    /** True if the appliance terminates TLS on {@code port}. */
    public boolean terminatesTls(int port) {
      return tlsPorts.contains(port);
    }
  }

  /** A lockdown source: kind is address, range or cidr. */
  public record SourcePlan(String kind, String text, boolean v6) {}

  /**
   * A health check with HAProxy's semantics (inter 2s, rise 2, fall 3 by default).
   *
   * @param port the port to check when members keep the client's port (multi-port VIPs), else null
   */
  public record CheckPlan(
      String type,
      String path,
      String host,
      int expect,
      long intervalMs,
      int rise,
      int fall,
      Integer port) {}

  /** A real server in a service's pool; {@code port} null means the client's port. */
  public record MemberPlan(
      String server,
      String address,
      boolean v6,
      Integer port,
      int weight,
      int maxConnections,
      int minConnections) {}

  /** An Exchange server and the VIPs it must carry on its loopback adapter (DR). */
  public record ServerPlan(
      String name,
      String address,
      boolean v6,
      String os,
      String lanAdapter,
      String loopbackAdapter,
      boolean generateArp,
      List<LoopbackVip> loopbackVips) {
    public ServerPlan {
      loopbackVips = List.copyOf(loopbackVips);
    }
  }

  /** A DR VIP on a server's loopback adapter, with the prefix to configure (32 / the v6 net). */
  public record LoopbackVip(String address, boolean v6, int prefix) {}

  /** A certificate: the PEM's path relative to the input file. */
  public record CertificatePlan(String name, String pem) {}

  /** A namespace and the VIP its DNS record points at. */
  public record NamespacePlan(
      String host, String service, String vip, boolean v6, List<String> purposes) {
    public NamespacePlan {
      purposes = List.copyOf(purposes);
    }
  }
}
