package dev.lbc.backends.iptables;

import dev.lbc.backends.Templates;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.spi.Backend;
import dev.lbc.compiler.value.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * appliances/&lt;hostname&gt;/firewall.rules (and firewall6.rules where an IPv6 service needs it),
 * in iptables-restore format, for every appliance, since the guides note that the firewall script
 * is not replicated to the secondary: the lockdown (an ACCEPT per allowed host, range or network,
 * then DROP, as in the guides' examples), the TPROXY divert rules, and SNAT for layer 4 SNAT
 * services. Also sysctl.conf with the kernel settings these need.
 *
 * <p>Every rule lives in a chain of lbc's own (LBC-*), reached by one jump from a built-in chain
 * that carries the comment {@code lbc:<chain>}. The same chains come in two layouts (ADR 0006):
 * firewall.rules is the appliance's whole ruleset (iptables-restore replaces the tables it names,
 * policies included), firewall-chains.rules only lbc's chains and their jumps, for {@code
 * iptables-restore --noflush} on an appliance that keeps a firewall of its own.
 */
public final class FirewallBackend implements Backend {
  @Override
  public String name() {
    return "firewall";
  }

  /** One table of an iptables-restore file: its chains and rules. */
  public record Table(String name, List<String> chains, List<String> rules) {}

  /** A whole iptables-restore file. */
  public record RulesView(List<String> header, List<Table> tables) {}

  /** sysctl.conf: commented settings. */
  public record SysctlView(List<String> header, List<String> lines) {}

  /**
   * A chain of lbc's: {@code hook} is the built-in chain whose jump reaches it, {@code match} what
   * that jump matches besides the tag (may be empty).
   */
  record LbcChain(String table, String name, String hook, String match, List<String> rules) {
    /** The jump into the chain, tagged so that it can be found and removed later. */
    String jump(String verb) {
      return verb
          + " "
          + hook
          + (match.isEmpty() ? "" : " " + match)
          + " -m comment --comment "
          + IptablesQuoting.comment(TAG_PREFIX + name.substring(4).toLowerCase(Locale.ROOT))
          + " -j "
          + name;
    }
  }

  /** The comment on every jump into an lbc chain: lbc:lockdown, lbc:divert, lbc:snat. */
  public static final String TAG_PREFIX = "lbc:";

  /** The built-in chains of each table lbc uses, declared by the whole-ruleset layout. */
  private static final Map<String, List<String>> BUILT_IN =
      Map.of(
          "filter", List.of("INPUT", "FORWARD", "OUTPUT"),
          "mangle", List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
          "nat", List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"));

  private static final List<String> TABLES = List.of("filter", "mangle", "nat");

  @Override
  public List<GeneratedFile> render(Plan plan, AppliancePlan a) {
    List<GeneratedFile> files = new ArrayList<>();
    for (boolean v6 : anyV6(plan) ? List.of(false, true) : List.of(false)) {
      for (Layout layout : Layout.values()) {
        files.add(
            new GeneratedFile(
                layout.file(v6),
                Templates.render("iptables/rules.ftl", rules(plan, a, v6, layout))));
      }
    }
    files.add(
        new GeneratedFile("sysctl.conf", Templates.render("iptables/sysctl.ftl", sysctl(plan, a))));
    return files;
  }

  private static boolean anyV6(Plan plan) {
    return plan.services().stream().anyMatch(s -> s.vip().isV6());
  }

  /** The two layouts of lbc's chains (ADR 0006). */
  public enum Layout {
    /**
     * firewall.rules: the appliance's whole ruleset, built-in chains and their policies included,
     * for iptables-restore, which replaces the tables it names.
     */
    WHOLE,
    /**
     * firewall-chains.rules: lbc's chains and one jump to each, for {@code iptables-restore
     * --noflush}. A declared chain that exists already is emptied first, so the chains' rules are
     * replaced; built-in chains are not declared, so no policy changes. The jumps go first in their
     * built-in chain: a lockdown behind an appliance's own ACCEPT would lock nothing down.
     */
    CHAINS;

    public String file(boolean v6) {
      return (v6 ? "firewall6" : "firewall") + (this == WHOLE ? "" : "-chains") + ".rules";
    }

    String usage(boolean v6) {
      String restore = v6 ? "ip6tables-restore" : "iptables-restore";
      return this == WHOLE
          ? "The appliance's complete "
              + (v6 ? "IPv6" : "IPv4")
              + " ruleset: `"
              + restore
              + " < "
              + file(v6)
              + "` replaces every rule and policy of the tables below, on each appliance"
              + " (it is not replicated). To keep the appliance's own rules, apply "
              + CHAINS.file(v6)
              + " instead (RUNBOOK.md)."
          : "lbc's chains only, each reached by one jump tagged lbc:..., for an appliance that"
              + " keeps its own firewall: `"
              + restore
              + " --noflush < "
              + file(v6)
              + "` adds them and changes no policy or other rule. Remove an earlier build's"
              + " first (RUNBOOK.md, firewall step); it is not replicated.";
    }
  }

  static RulesView rules(Plan plan, AppliancePlan a, boolean v6, Layout layout) {
    List<String> header = new ArrayList<>();
    header.add(generatedBy(plan, a));
    header.add(layout.usage(v6));
    header.addAll(tproxyNote(plan, v6));
    List<LbcChain> chains = chains(plan, a, v6);
    List<Table> tables = new ArrayList<>();
    for (String table : TABLES) {
      List<LbcChain> own = chains.stream().filter(c -> c.table().equals(table)).toList();
      List<String> declared = new ArrayList<>();
      if (layout == Layout.WHOLE && (table.equals("filter") || !own.isEmpty())) {
        BUILT_IN.get(table).forEach(b -> declared.add(":" + b + " ACCEPT [0:0]"));
      } else if (own.isEmpty()) {
        continue;
      }
      List<String> rules = new ArrayList<>();
      for (LbcChain c : own) {
        declared.add(":" + c.name() + " - [0:0]");
        rules.add(c.jump(layout == Layout.WHOLE ? "-A" : "-I"));
      }
      own.forEach(c -> rules.addAll(c.rules()));
      tables.add(new Table(table, declared, rules));
    }
    return new RulesView(header, tables);
  }

  private static String generatedBy(Plan plan, AppliancePlan a) {
    return "Generated by lbc from "
        + Templates.sourceLabel(plan)
        + " (deployment "
        + plan.name()
        + "), appliance "
        + a.hostname()
        + ". Do not edit.";
  }

  private static List<String> tproxyNote(Plan plan, boolean v6) {
    boolean tproxy =
        plan.services().stream().anyMatch(s -> s.mode() == Mode.TPROXY && s.vip().isV6() == v6);
    if (!tproxy) {
      return List.of();
    }
    return List.of(
        "TPROXY also needs policy routing: `ip "
            + (v6 ? "-6 " : "")
            + "rule add fwmark 1 lookup 100` and `ip "
            + (v6 ? "-6 " : "")
            + "route add local "
            + (v6 ? "::/0" : "0.0.0.0/0")
            + " dev lo table 100`.");
  }

  /** lbc's chains for this appliance and address family; only those with rules. */
  static List<LbcChain> chains(Plan plan, AppliancePlan a, boolean v6) {
    List<String> lockdown = new ArrayList<>();
    for (ServicePlan s : plan.services()) {
      if (s.allow().isEmpty() || s.vip().isV6() != v6) {
        continue;
      }
      for (int port : s.ports()) {
        String match = "-p tcp -d " + IptablesQuoting.arg(s.vip().text()) + " --dport " + port;
        for (SourceRange src : s.allow()) {
          if (src.first().isV6() != v6) {
            continue;
          }
          String from =
              src.kind() == SourceRange.Kind.RANGE
                  ? "-m iprange --src-range " + IptablesQuoting.arg(src.text())
                  : "-s " + IptablesQuoting.arg(src.text());
          lockdown.add(
              "-A LBC-LOCKDOWN "
                  + match
                  + " "
                  + from
                  + " -m comment --comment "
                  + IptablesQuoting.comment("lbc " + s.name() + " allow " + src.text())
                  + " -j ACCEPT");
        }
        lockdown.add(
            "-A LBC-LOCKDOWN "
                + match
                + " -m comment --comment "
                + IptablesQuoting.comment("lbc " + s.name() + " lockdown")
                + " -j DROP");
      }
    }
    List<LbcChain> chains = new ArrayList<>();
    if (!lockdown.isEmpty()) {
      chains.add(new LbcChain("filter", "LBC-LOCKDOWN", "INPUT", "", lockdown));
    }
    boolean tproxy =
        plan.services().stream().anyMatch(s -> s.mode() == Mode.TPROXY && s.vip().isV6() == v6);
    if (tproxy) {
      chains.add(
          new LbcChain(
              "mangle",
              "LBC-DIVERT",
              "PREROUTING",
              "-p tcp -m socket",
              List.of("-A LBC-DIVERT -j MARK --set-mark 1", "-A LBC-DIVERT -j ACCEPT")));
    }
    List<String> snat = new ArrayList<>();
    for (ServicePlan s : plan.services()) {
      if (!(s.mode() == Mode.SNAT && s.layer() == 4) || s.vip().isV6() != v6) {
        continue;
      }
      for (MemberPlan m : s.members()) {
        for (int port : s.ports().stream().map(m::portFor).distinct().toList()) {
          // Every connection from the appliance to this RIP:PORT belongs to this service:
          // LBC102 guarantees no layer 7 service uses the same RIP:PORT.
          snat.add(
              "-A LBC-SNAT -p tcp -d "
                  + IptablesQuoting.arg(m.address().text())
                  + " --dport "
                  + port
                  + " -m comment"
                  + " --comment "
                  + IptablesQuoting.comment("lbc " + s.name() + " layer 4 SNAT")
                  + " -j SNAT --to-source "
                  + IptablesQuoting.arg(a.address().text()));
        }
      }
    }
    if (!snat.isEmpty()) {
      chains.add(new LbcChain("nat", "LBC-SNAT", "POSTROUTING", "", snat));
    }
    return chains;
  }

  static SysctlView sysctl(Plan plan, AppliancePlan a) {
    List<String> lines = new ArrayList<>();
    boolean v6 = anyV6(plan);
    lines.add(
        "# HAProxy binds VIPs that keepalived brings up later, or that the other appliance"
            + " holds");
    lines.add("net.ipv4.ip_nonlocal_bind = 1");
    if (v6) {
      lines.add("net.ipv6.ip_nonlocal_bind = 1");
    }
    boolean routes =
        !plan.floatingIps().isEmpty()
            || plan.services().stream()
                .anyMatch(
                    s ->
                        s.mode() == Mode.NAT
                            || s.mode() == Mode.TPROXY
                            || (s.mode() == Mode.SNAT && s.layer() == 4));
    if (routes) {
      lines.add("# the appliance routes for NAT and TPROXY servers (their gateway)");
      lines.add("net.ipv4.ip_forward = 1");
      if (v6) {
        lines.add("net.ipv6.conf.all.forwarding = 1");
      }
    }
    if (plan.services().stream().anyMatch(s -> s.mode() == Mode.SNAT && s.layer() == 4)) {
      lines.add("# iptables SNAT rules see LVS connections (layer 4 SNAT)");
      lines.add("net.ipv4.vs.conntrack = 1");
    }
    return new SysctlView(
        List.of(
            "Generated by lbc for appliance "
                + a.hostname()
                + " (deployment "
                + plan.name()
                + "). Do not edit.",
            "Apply with `sysctl -p sysctl.conf`."),
        lines);
  }
}
