package dev.lbc.backends.docs;

import dev.lbc.backends.keepalived.KeepalivedBackend;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.Persistence;
import dev.lbc.compiler.model.Vdir;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.value.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The RUNBOOK's verification steps that depend on the services (Exchange 2016 guide §12.1.1,
 * §12.1.3): where a layer 4 service shows a server taken out (IPVS through {@code ipvsadm}, and the
 * keepalived log), and how to test SMTP on one server with the others halted.
 */
final class Verification {
  private Verification() {}

  /**
   * For each layer 7 service with per-vdir backends that {@code server} is in: what the statistics
   * page shows once only its OWA is inactive. Empty without such a service.
   */
  static List<String> vdirWatch(Plan plan, String server) {
    List<String> lines = new ArrayList<>();
    for (ServicePlan s : plan.services()) {
      if (s.layer() != 7 || s.vdirs().isEmpty() || member(s, server) == null) {
        continue;
      }
      List<String> others =
          s.vdirs().stream()
              .filter(v -> v.vdir() != Vdir.OWA)
              .map(v -> Markdown.code(v.backendName()))
              .toList();
      String owa =
          s.vdirs().stream()
              .filter(v -> v.vdir() == Vdir.OWA)
              .map(v -> Markdown.code(v.backendName()) + " shows it DOWN")
              .findFirst()
              .orElse("");
      lines.add(
          "per vdir, "
              + Markdown.code(s.name())
              + ": "
              + owa
              + (owa.isEmpty() || others.isEmpty() ? "" : ", while ")
              + (others.isEmpty()
                  ? ""
                  : String.join(", ", others) + " keep it UP: its other protocols are still served")
              + " (each vdir's backend checks its own `/<vdir>/healthcheck.htm`);");
    }
    return lines;
  }

  /**
   * For the first layer 4 HTTPS service that {@code server} is in: the command, the table IPVS
   * shows once the server is down (its line gone: keepalived removes a failed real server), and the
   * log line. Empty without such a service.
   */
  static List<String> layer4Watch(Plan plan, String server) {
    for (ServicePlan s : plan.services()) {
      if (s.layer() != 4 || !s.ports().contains(443)) {
        continue;
      }
      MemberPlan out = member(s, server);
      if (out == null) {
        continue;
      }
      String vip = endpoint(s.vip(), 443);
      List<String> lines = new ArrayList<>();
      lines.add(
          "on the active appliance, `ipvsadm -Ln -t "
              + vip
              + "` lists every real server but "
              + Markdown.code(server)
              + ":");
      lines.add("```");
      lines.add("Prot LocalAddress:Port Scheduler Flags");
      lines.add(
          String.format(
              Locale.ROOT,
              "  -> %-28s %-7s %-6s %-10s %s",
              "RemoteAddress:Port",
              "Forward",
              "Weight",
              "ActiveConn",
              "InActConn"));
      lines.add(
          "TCP  "
              + vip
              + " "
              + KeepalivedBackend.scheduler(s.balance())
              + (s.persistence() == Persistence.NONE
                  ? ""
                  : " persistent " + s.clientTimeoutMs() / 1000));
      for (MemberPlan m : s.members()) {
        if (!m.server().equalsIgnoreCase(server)) {
          lines.add(
              String.format(
                  Locale.ROOT,
                  "  -> %-28s %-7s %-6d %-10d %d",
                  endpoint(m.address(), m.portFor(443)),
                  s.mode() == Mode.DR ? "Route" : "Masq",
                  m.weight(),
                  0,
                  0));
        }
      }
      lines.add("```");
      lines.add(
          "and the keepalived log (`journalctl -u keepalived`) has a line like `Removing service ["
              + out.address().text()
              + "]:tcp:"
              + out.portFor(443)
              + " from VS ["
              + s.vip().text()
              + "]:tcp:443`");
      lines.add(
          "(the wording varies with keepalived's version). Once it is Active again, an"
              + " `Adding service` line follows and the server is listed again.");
      return lines;
    }
    return List.of();
  }

  /**
   * Each SMTP service's other members halted in turn, so that {@code server} alone answers (2016
   * guide §12.1.3, "Halting" all others): the command per member, and the one that brings it back.
   */
  static List<String> smtpTest(Plan plan, String server) {
    List<String> lines = new ArrayList<>();
    for (ServicePlan s : plan.services()) {
      if (!s.ports().contains(25) || member(s, server) == null) {
        continue;
      }
      for (MemberPlan m : s.members()) {
        if (m.server().equalsIgnoreCase(server)) {
          continue;
        }
        if (s.layer() == 7) {
          lines.add(
              Markdown.code(
                      "echo 'set server "
                          + s.name()
                          + "/"
                          + m.server()
                          + " state maint' | socat stdio /run/haproxy/admin.sock")
                  + " (back: `state ready`)");
        } else {
          String rip = endpoint(m.address(), m.portFor(25));
          lines.add(
              Markdown.code(
                      "ipvsadm -e -t "
                          + endpoint(s.vip(), 25)
                          + " -r "
                          + rip
                          + (s.mode() == Mode.DR ? " -g" : " -m")
                          + " -w 0")
                  + " (back: "
                  + Markdown.code("-w " + m.weight())
                  + ", or restart keepalived)");
        }
      }
    }
    return lines;
  }

  private static MemberPlan member(ServicePlan s, String server) {
    return s.members().stream()
        .filter(m -> m.server().equalsIgnoreCase(server))
        .findFirst()
        .orElse(null);
  }

  private static String endpoint(IpAddress a, int port) {
    return (a.isV6() ? "[" + a.text() + "]" : a.text()) + ":" + port;
  }
}
