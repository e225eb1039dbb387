package dev.lbc.backends.keepalived;

import dev.lbc.backends.Templates;
import dev.lbc.compiler.model.Balance;
import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.Persistence;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.Role;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.plan.Plan.VirtualAddress;
import dev.lbc.compiler.spi.Backend;
import java.util.ArrayList;
import java.util.List;

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
  public List<GeneratedFile> render(Plan plan, AppliancePlan appliance) {
    return List.of(
        new GeneratedFile(
            "keepalived.conf",
            Templates.render("keepalived/keepalived.conf.ftl", view(plan, appliance))));
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
    // One VRRP instance carries one address family; the other family's addresses move with it
    // as excluded addresses.
    List<String> v4 = new ArrayList<>();
    List<String> v6 = new ArrayList<>();
    for (VirtualAddress v : a.virtualAddresses()) {
      (v.address().isV6() ? v6 : v4)
          .add(v.address().text() + "/" + v.prefix() + " dev " + KeepalivedQuoting.word(v.iface()));
    }
    List<String> vrrp = new ArrayList<>();
    vrrp.add("state " + (a.role() == Role.PRIMARY ? "MASTER" : "BACKUP"));
    vrrp.add("interface " + KeepalivedQuoting.word(a.iface()));
    vrrp.add("virtual_router_id " + plan.vrrpId());
    vrrp.add("priority " + a.priority());
    vrrp.add("advert_int 1");
    AppliancePlan peer = plan.peerOf(a);
    if (peer != null) {
      vrrp.add("unicast_src_ip " + a.address().text());
      vrrp.add("unicast_peer {");
      vrrp.add("    " + peer.address().text());
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

  /** The IPVS scheduler of a balancing algorithm, as keepalived and {@code ipvsadm -Ln} name it. */
  public static String scheduler(Balance balance) {
    return switch (balance) {
      case ROUND_ROBIN -> "rr";
      case LEAST_CONNECTION -> "lc";
      case WEIGHTED_LEAST_CONNECTION -> "wlc";
      case WEIGHTED_ROUND_ROBIN -> "wrr";
    };
  }

  private static Block virtualServer(ServicePlan s, int port) {
    List<String> body = new ArrayList<>();
    body.add("delay_loop " + Math.max(1, s.check().intervalMs() / 1000));
    body.add("lb_algo " + scheduler(s.balance()));
    body.add("lb_kind " + (s.mode() == Mode.DR ? "DR" : "NAT"));
    body.add("protocol TCP");
    if (s.persistence() != Persistence.NONE) {
      body.add("persistence_timeout " + s.clientTimeoutMs() / 1000);
    }
    for (MemberPlan m : s.members()) {
      body.add("real_server " + m.address().text() + " " + m.portFor(port) + " {");
      body.add("    weight " + m.weight());
      if (m.maxConnections() > 0) {
        body.add("    uthreshold " + m.maxConnections());
        // The guides' layer 4 "Minimum Connections": LVS's lower threshold, below which a
        // server stopped at its upper one takes new connections again.
        if (m.minConnections() > 0) {
          body.add("    lthreshold " + m.minConnections());
        }
      }
      checker(s.check(), s.checkPort(m, port)).forEach(l -> body.add("    " + l));
      body.add("}");
    }
    return new Block(
        "Service " + s.name() + ": " + s.mode().word() + " layer 4, port " + port,
        "virtual_server " + s.vip().text() + " " + port,
        body);
  }

  private static List<String> checker(CheckPlan c, int port) {
    long timeout = Math.max(1, c.intervalMs() / 1000);
    List<String> out = new ArrayList<>();
    switch (c.type()) {
      case HTTPS_GET, HTTP_GET -> {
        out.add((c.type() == CheckType.HTTPS_GET ? "SSL_GET" : "HTTP_GET") + " {");
        out.add("    url {");
        out.add("        path " + KeepalivedQuoting.word(c.path()));
        out.add("        status_code " + c.expect());
        out.add("    }");
        out.add("    connect_port " + port);
        out.add("    connect_timeout " + timeout);
        out.add("    retry " + c.fall());
        out.add("}");
      }
      case SMTP_BANNER -> {
        out.add("SMTP_CHECK {");
        out.add("    connect_port " + port);
        out.add("    connect_timeout " + timeout);
        out.add("    retry " + c.fall());
        out.add("    helo_name lbc.invalid");
        out.add("}");
      }
      case TCP_CONNECT -> {
        out.add("TCP_CHECK {");
        out.add("    connect_port " + port);
        out.add("    connect_timeout " + timeout);
        out.add("    retry " + c.fall());
        out.add("}");
      }
      case NONE -> {}
    }
    return out;
  }
}
