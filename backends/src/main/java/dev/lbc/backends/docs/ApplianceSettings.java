package dev.lbc.backends.docs;

import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.plan.Plan.InterfacePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The RUNBOOK's table of each appliance's base settings, the ones a pair does not replicate
 * (Exchange 2016 guide §15.5.1, Exchange 2013 guide "Clustered Pair Configuration"): hostname,
 * interfaces, routes, DNS, NTP, syslog, SNMP and the firewall script, one column per appliance,
 * with the value the deployment implies or what it leaves to the site.
 */
final class ApplianceSettings {
  private ApplianceSettings() {}

  static List<String> rows(Plan plan) {
    List<AppliancePlan> all = plan.appliances();
    List<String> rows = new ArrayList<>();
    StringBuilder head = new StringBuilder("| setting |");
    StringBuilder rule = new StringBuilder("|---|");
    for (AppliancePlan a : all) {
      head.append(' ').append(Markdown.code(a.hostname())).append(" (").append(a.role().word());
      head.append(") |");
      rule.append("---|");
    }
    rows.add(head.toString());
    rows.add(rule.toString());
    rows.add(row("hostname", all, a -> Markdown.code(a.hostname())));
    rows.add(
        row(
            "interface " + Markdown.text(all.get(0).iface()),
            all,
            a -> Markdown.code(a.address().text() + "/" + a.prefix())));
    for (int i = 0; i < all.get(0).extraInterfaces().size(); i++) {
      int at = i;
      InterfacePlan first = all.get(0).extraInterfaces().get(i);
      rows.add(
          row(
              "interface " + Markdown.text(first.name()),
              all,
              a ->
                  a.extraInterfaces().size() > at
                      ? Markdown.code(
                          a.extraInterfaces().get(at).address().text()
                              + "/"
                              + a.extraInterfaces().get(at).prefix())
                      : "(none written)"));
    }
    boolean tproxy = plan.services().stream().anyMatch(s -> s.mode() == Mode.TPROXY);
    rows.add(
        row(
            "routes",
            all,
            a ->
                "the site's default gateway (not in the deployment)"
                    + (tproxy ? ", and the TPROXY policy routing above" : "")));
    rows.add(row("DNS servers", all, a -> "the site's, the same on every appliance"));
    rows.add(
        row(
            "NTP",
            all,
            a -> "the site's, the same on every appliance (logs and failover events compare)"));
    rows.add(
        row(
            "syslog",
            all,
            a -> "HAProxy logs to `/dev/log` (local0): forward it to the site's syslog server"));
    rows.add(row("SNMP", all, a -> "the site's community or user, if the appliances are watched"));
    rows.add(
        row(
            "firewall script",
            all,
            a -> Markdown.code("appliances/" + a.hostname() + "/firewall.rules")));
    rows.add(
        row(
            "kernel settings",
            all,
            a -> Markdown.code("appliances/" + a.hostname() + "/sysctl.conf")));
    if (plan.isHaPair()) {
      rows.add(
          row(
              "VRRP priority",
              all,
              a ->
                  a.priority()
                      + ", peer "
                      + Markdown.code(plan.peerOf(a).address().text())
                      + " (in keepalived.conf)"));
    }
    return rows;
  }

  private static String row(
      String name, List<AppliancePlan> all, Function<AppliancePlan, String> v) {
    StringBuilder b = new StringBuilder("| ").append(name).append(" |");
    for (AppliancePlan a : all) {
      b.append(' ').append(v.apply(a)).append(" |");
    }
    return b.toString();
  }
}
