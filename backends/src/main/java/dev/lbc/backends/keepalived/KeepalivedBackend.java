package dev.lbc.backends.keepalived;

import dev.lbc.backends.Templates;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.compiler.plan.Plan.InterfacePlan;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.spi.Backend;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.IpNetwork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * appliances/&lt;hostname&gt;/keepalived.conf: VRRP for the appliance pair (the primary with the
 * higher priority; every VIP and floating IP on the interface of its network) and every layer 4
 * service as an LVS virtual server with its health checker.
 */
public final class KeepalivedBackend implements Backend {
  @Override
  public String name() {
    return "keepalived";
  }

  @Override
  public List<GeneratedFile> render(Plan plan) {
    return Templates.perAppliance(
        plan, "keepalived.conf", "keepalived/keepalived.conf.ftl", KeepalivedBackend::view);
  }

  /** The view model: blocks of lines, already decided and escaped. */
  public record KeepalivedView(List<String> header, List<String> global, List<Block> blocks) {}

  /** A top-level block: a comment, its opening line and its body lines (nested as text). */
  public record Block(String comment, String open, List<String> body) {}

  static KeepalivedView view(Plan plan, AppliancePlan a) {
    List<String> header = Templates.applianceHeader(plan, a, KeepalivedQuoting::comment);
    List<String> global =
        List.of("router_id " + KeepalivedQuoting.word(a.hostname()), "vrrp_garp_master_refresh 60");
    List<Block> blocks = new ArrayList<>();
    Set<String> v4 = new LinkedHashSet<>();
    Set<String> v6 = new LinkedHashSet<>();
    for (ServicePlan s : plan.services()) {
      (s.vipIsV6() ? v6 : v4).add(address(s.vip(), plan, a));
    }
    for (String f : plan.floatingIps()) {
      IpNetwork n = IpNetwork.parseInterfaceAddress(f).get();
      (n.address().isV6() ? v6 : v4).add(n.text() + " dev " + interfaceFor(n.address(), plan, a));
    }
    List<String> vrrp = new ArrayList<>();
    vrrp.add("state " + (a.role().equals("primary") ? "MASTER" : "BACKUP"));
    vrrp.add("interface " + KeepalivedQuoting.word(a.iface()));
    vrrp.add("virtual_router_id " + routerId(plan.name()));
    vrrp.add("priority " + a.priority());
    vrrp.add("advert_int 1");
    if (plan.isHaPair()) {
      AppliancePlan peer = plan.appliances().get(a.role().equals("primary") ? 1 : 0);
      vrrp.add("unicast_src_ip " + a.address());
      vrrp.add("unicast_peer {");
      vrrp.add("    " + peer.address());
      vrrp.add("}");
    }
    List<String> primary = v4.isEmpty() ? List.copyOf(v6) : List.copyOf(v4);
    List<String> excluded = v4.isEmpty() ? List.of() : List.copyOf(v6);
    if (!primary.isEmpty()) {
      vrrp.add("virtual_ipaddress {");
      primary.forEach(ip -> vrrp.add("    " + ip));
      vrrp.add("}");
    }
    if (!excluded.isEmpty()) {
      vrrp.add("virtual_ipaddress_excluded {");
      excluded.forEach(ip -> vrrp.add("    " + ip));
      vrrp.add("}");
    }
    blocks.add(
        new Block(
            "The VIPs and floating IPs move to the "
                + (plan.isHaPair()
                    ? "secondary when the primary fails"
                    : "appliance when keepalived starts"),
            "vrrp_instance VI_lbc",
            vrrp));
    for (ServicePlan s : plan.services()) {
      if (s.layer() != 4) {
        continue;
      }
      for (int port : s.ports()) {
        blocks.add(virtualServer(s, port));
      }
    }
    return new KeepalivedView(header, global, blocks);
  }

  /** A stable VRRP router ID (1-255) from the deployment name. */
  static int routerId(String name) {
    int h = 0;
    for (char c : name.toCharArray()) {
      h = 31 * h + c;
    }
    return Math.floorMod(h, 255) + 1;
  }

  /** "address/prefix dev iface" for a VIP: the prefix and interface of its appliance network. */
  private static String address(String vip, Plan plan, AppliancePlan a) {
    IpAddress ip = IpAddress.parse(vip).get();
    IpNetwork net = networkOf(ip, plan, a);
    int prefix = net != null ? net.prefix() : ip.bits();
    return ip.text() + "/" + prefix + " dev " + interfaceFor(ip, plan, a);
  }

  private static IpNetwork networkOf(IpAddress ip, Plan plan, AppliancePlan a) {
    IpNetwork main = IpNetwork.parseInterfaceAddress(a.address() + "/" + a.prefix()).get();
    if (main.contains(ip)) {
      return main;
    }
    for (InterfacePlan i : a.extraInterfaces()) {
      IpNetwork n = IpNetwork.parseInterfaceAddress(i.address() + "/" + i.prefix()).get();
      if (n.contains(ip)) {
        return n;
      }
    }
    return null;
  }

  private static String interfaceFor(IpAddress ip, Plan plan, AppliancePlan a) {
    for (InterfacePlan i : a.extraInterfaces()) {
      IpNetwork n = IpNetwork.parseInterfaceAddress(i.address() + "/" + i.prefix()).get();
      if (n.contains(ip)) {
        return KeepalivedQuoting.word(i.name());
      }
    }
    return KeepalivedQuoting.word(a.iface());
  }

  private static Block virtualServer(ServicePlan s, int port) {
    List<String> body = new ArrayList<>();
    body.add("delay_loop " + Math.max(1, s.check().intervalMs() / 1000));
    body.add(
        "lb_algo "
            + switch (s.balance()) {
              case "round-robin" -> "rr";
              case "least-connection" -> "lc";
              case "weighted-least-connection" -> "wlc";
              default -> "wrr";
            });
    body.add("lb_kind " + (s.mode().equals("dr") ? "DR" : "NAT"));
    body.add("protocol TCP");
    if (!s.persistence().equals("none")) {
      body.add("persistence_timeout " + s.clientTimeoutMs() / 1000);
    }
    for (MemberPlan m : s.members()) {
      int target = s.mode().equals("dr") || m.port() == null ? port : m.port();
      body.add("real_server " + m.address() + " " + target + " {");
      body.add("    weight " + m.weight());
      if (m.maxConnections() > 0) {
        body.add("    uthreshold " + m.maxConnections());
      }
      checker(s.check(), target).forEach(l -> body.add("    " + l));
      body.add("}");
    }
    String vip = s.vip();
    return new Block(
        "Service " + s.name() + ": " + s.mode() + " layer 4, port " + port,
        "virtual_server " + vip + " " + port,
        body);
  }

  private static List<String> checker(CheckPlan c, int port) {
    long timeout = Math.max(1, c.intervalMs() / 1000);
    List<String> out = new ArrayList<>();
    switch (c.type()) {
      case "https-get", "http-get" -> {
        out.add((c.type().equals("https-get") ? "SSL_GET" : "HTTP_GET") + " {");
        out.add("    url {");
        out.add("        path " + KeepalivedQuoting.word(c.path()));
        out.add("        status_code " + c.expect());
        out.add("    }");
        out.add("    connect_port " + port);
        out.add("    connect_timeout " + timeout);
        out.add("    retry " + c.fall());
        out.add("}");
      }
      case "smtp-banner" -> {
        out.add("SMTP_CHECK {");
        out.add("    connect_port " + port);
        out.add("    connect_timeout " + timeout);
        out.add("    retry " + c.fall());
        out.add("    helo_name lbc.invalid");
        out.add("}");
      }
      case "tcp-connect" -> {
        out.add("TCP_CHECK {");
        out.add("    connect_port " + port);
        out.add("    connect_timeout " + timeout);
        out.add("    retry " + c.fall());
        out.add("}");
      }
      default -> {}
    }
    return out;
  }
}
