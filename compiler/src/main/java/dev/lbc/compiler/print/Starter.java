package dev.lbc.compiler.print;

import dev.lbc.compiler.model.ExchangeVersion;
import dev.lbc.compiler.value.Formats;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.IpNetwork;
import dev.lbc.compiler.value.Parsed;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The deployment {@code lbc init} writes: the guides' recommended layout (a pair of appliances, an
 * HTTPS service carrying every HTTP protocol and the autodiscover namespace, an SMTP service),
 * commented with the guide sections. Every value is checked with the compiler's own parsers before
 * it reaches the text, so what is printed is what the compiler will read back.
 */
public final class Starter {
  private Starter() {}

  public static final List<String> MODES = List.of("snat", "dr", "nat", "tproxy");

  /**
   * A server or appliance as given on the command line: {@code NAME=ADDR}; {@code address} is null
   * when the {@code =} is missing, which {@link #problems} reports.
   */
  public record Host(String name, String address) {}

  /** {@code NAME=ADDR} texts as hosts. */
  public static List<Host> hosts(List<String> specs) {
    List<Host> out = new ArrayList<>();
    for (String s : specs) {
      String t = s.strip();
      int eq = t.indexOf('=');
      out.add(eq < 0 ? new Host(t, null) : new Host(t.substring(0, eq), t.substring(eq + 1)));
    }
    return out;
  }

  /**
   * What {@code lbc init} needs; {@code gateway} is the appliances' floating IP on the servers'
   * network, used only in NAT and TPROXY mode (two-arm).
   */
  public record Values(
      String name,
      String exchange,
      String mode,
      String vip,
      String domain,
      String gateway,
      List<Host> servers,
      List<Host> appliances) {}

  /** The problems with {@code v}, one sentence each; empty if it can be printed. */
  public static List<String> problems(Values v) {
    List<String> out = new ArrayList<>();
    check(out, "name", Formats.check("lbc-name", v.name()));
    if (!exchangeKnown(v.exchange())) {
      out.add("--exchange: " + v.exchange() + " is not an Exchange release; use 2016, 2019 or se");
    }
    if (!MODES.contains(v.mode())) {
      out.add("--mode: " + v.mode() + " is not a mode; use one of " + String.join(", ", MODES));
    }
    check(out, "--vip", IpAddress.parse(v.vip()).error());
    check(out, "--domain", Formats.check("lbc-hostname", v.domain()));
    if (twoArm(v.mode())) {
      Parsed<IpNetwork> g = IpNetwork.parseInterfaceAddress(v.gateway());
      check(out, "--gateway", g.ok() && g.value().address().isV6() ? "IPv4 only" : g.error());
    }
    if (v.servers().size() < 2) {
      out.add("--server: give at least two Mailbox servers (NAME=ADDR), so one can fail");
    }
    for (Host h : v.servers()) {
      check(out, "--server " + h.name(), Formats.check("lbc-name", h.name()));
      check(out, "--server " + h.name(), address(h, false));
    }
    if (v.appliances().size() != 2) {
      out.add("--appliance: give exactly two appliances (NAME=ADDR/PREFIX), primary first");
    }
    for (Host h : v.appliances()) {
      check(out, "--appliance " + h.name(), Formats.check("lbc-name", h.name()));
      check(out, "--appliance " + h.name(), address(h, true));
    }
    Set<String> names = new LinkedHashSet<>();
    for (Host h : v.servers()) {
      if (!names.add(h.name())) {
        out.add("--server: " + h.name() + " is given twice");
      }
    }
    return out;
  }

  private static String address(Host h, boolean withPrefix) {
    if (h.address() == null) {
      return "write NAME="
          + (withPrefix
              ? "ADDR/PREFIX, e.g. lb1=192.168.30.5/24"
              : "ADDR, e.g. MBOX1=192.168.30.20");
    }
    return withPrefix
        ? IpNetwork.parseInterfaceAddress(h.address()).error()
        : IpAddress.parse(h.address()).error();
  }

  private static boolean exchangeKnown(String word) {
    for (ExchangeVersion.Release r : ExchangeVersion.Release.values()) {
      if (r.word().equals(word)) {
        return true;
      }
    }
    return false;
  }

  private static void check(List<String> out, String what, String problem) {
    if (problem != null) {
      out.add(what + ": " + problem);
    }
  }

  /**
   * The options a command line must give when nothing can be asked: those without a sensible
   * default (addresses and names are the user's own).
   */
  public static List<String> missing(
      String mode,
      String vip,
      String domain,
      String gateway,
      boolean noServers,
      boolean noAppliances) {
    List<String> out = new ArrayList<>();
    if (vip == null) {
      out.add("--vip ADDR");
    }
    if (domain == null) {
      out.add("--domain DOMAIN");
    }
    if (gateway == null && twoArm(mode)) {
      out.add("--gateway ADDR/PREFIX");
    }
    if (noServers) {
      out.add("--server NAME=ADDR (twice)");
    }
    if (noAppliances) {
      out.add("--appliance NAME=ADDR/PREFIX (twice)");
    }
    return out;
  }

  /** NAT and TPROXY need the servers behind the appliances, routed through them. */
  public static boolean twoArm(String mode) {
    return mode.equals("nat") || mode.equals("tproxy");
  }

  /** The appliances' own addresses on the servers' network: the gateway's next two. */
  static String[] backendArm(String gateway) {
    IpNetwork g = IpNetwork.parseInterfaceAddress(gateway).get();
    String[] arm = new String[2];
    for (int i = 0; i < 2; i++) {
      IpAddress a = new IpAddress(4, 0, (g.address().low() + 4 + i) & 0xffffffffL);
      arm[i] = a.text() + "/" + g.prefix();
    }
    return arm;
  }

  private static final String PURPOSES = "owa, ecp, ews, activesync, oab, mapi, rpc";

  private static String header(Values v) {
    String modeNote =
        switch (v.mode()) {
          case "dr" ->
              "# Layer 4 DR (guide \"Appliance Configuration – Using Layer 4 DR Mode\"): transparent\n"
                  + "# and fastest; every Mailbox server must solve the ARP problem (lbc build writes\n"
                  + "# servers/<name>/prepare.ps1 for it).\n";
          case "nat" ->
              "# Layer 4 NAT (guide \"Using Layer 4 NAT Mode\"): transparent, two-arm; the servers\n"
                  + "# sit behind the appliances and use their floating IP as default gateway.\n";
          case "tproxy" ->
              "# Layer 7 with TPROXY (guide \"Enabling Layer 7 Transparency using TPROXY\"): two-arm;\n"
                  + "# the servers use the appliances' floating IP as default gateway.\n";
          default ->
              "# Layer 7 SNAT (guide \"Appliance Configuration – Using Layer 7 SNAT Mode\"): the\n"
                  + "# recommended mode; nothing changes on the network or the Mailbox servers.\n";
        };
    return "# Written by `lbc init`. Layout: the guides' recommended one (\"Load Balancing Exchange\",\n"
        + "# single namespace): a clustered pair of appliances, one VIP, an HTTPS service for every\n"
        + "# HTTP protocol (OWA, ECP, EWS, ActiveSync, OAB, MAPI, RPC and autodiscover) and SMTP.\n"
        + modeNote
        + "# Check it with `lbc lint`, then `lbc build` it. Reference: docs/input-format.md.\n";
  }

  private static final String SMTP_NOTE =
      "    # Guide \"Configuring Firewall Rules to Lockdown SMTP\": a non-transparent SMTP VIP is an\n"
          + "    # open relay for whoever reaches it; allow only your smart hosts (LBC208 until then):\n";

  /** The deployment as commented YAML; {@code v} has no {@link #problems}. */
  public static String yaml(Values v) {
    StringBuilder b = new StringBuilder(header(v));
    b.append("lbc: 1\nname: ").append(v.name()).append("\nexchange: ").append(v.exchange());
    b.append("\n# The pair (guide \"Clustered Pair Configuration\"): the primary holds the VIP and")
        .append("\n# the secondary takes it over through VRRP.\nappliances:\n");
    String[] role = {"primary", "secondary"};
    for (int i = 0; i < 2; i++) {
      Host a = v.appliances().get(i);
      b.append("  ").append(role[i]).append(": { hostname: ").append(a.name());
      b.append(", address: ").append(a.address()).append(", interface: eth0 }\n");
    }
    if (twoArm(v.mode())) {
      String[] arm = backendArm(v.gateway());
      b.append("  # The servers' side (two-arm): the floating IP moves with the VIP.\n");
      b.append("  floating-ips: [").append(v.gateway()).append("]\n  interfaces:\n");
      b.append("    - { name: eth1, address: ").append(arm[0]);
      b.append(", secondary-address: ").append(arm[1]).append(" }\n");
    }
    b.append("  # Never write the password here: it is read from the environment at build time.\n");
    b.append("  admin-password: ${env:LB_ADMIN_PASSWORD}\nservers:\n");
    for (Host s : v.servers()) {
      b.append("  - { name: ").append(s.name()).append(", address: ").append(s.address());
      if (twoArm(v.mode())) {
        b.append(", gateway: ").append(v.gateway(), 0, v.gateway().indexOf('/'));
      }
      b.append(" }\n");
    }
    b.append(
        "# One namespace for every HTTP protocol, plus autodiscover (guide \"Namespaces\").\n");
    b.append("namespaces:\n  - { host: mail.").append(v.domain());
    b.append(", service: HTTPS, purpose: [").append(PURPOSES).append("] }\n");
    b.append("  - { host: autodiscover.").append(v.domain());
    b.append(", service: HTTPS, purpose: [autodiscover] }\nservices:\n");
    b.append("  # SSL is terminated on the Mailbox servers; the check is OWA's health page.\n");
    service(b, v, "HTTPS", 443, "{ type: https-get, path: /owa/healthcheck.htm, expect: 200 }");
    if (v.mode().equals("snat")) {
      b.append(SMTP_NOTE).append("    # lockdown: { allow: [SMART-HOST-ADDRESS] }\n");
    }
    service(b, v, "SMTP", 25, "{ type: smtp-banner }");
    return b.toString();
  }

  private static void service(StringBuilder b, Values v, String name, int port, String check) {
    b.append("  - name: ").append(name).append("\n    vip: ").append(v.vip());
    b.append("\n    ports: [").append(port).append("]\n    mode: ").append(v.mode());
    b.append("\n    health-check: ").append(check).append("\n    real-servers:\n");
    for (Host s : v.servers()) {
      b.append("      - { server: ").append(s.name()).append(" }\n");
    }
  }

  /** The same deployment in the DSL, with the same comments. */
  public static String dsl(Values v) {
    StringBuilder b = new StringBuilder(header(v));
    b.append("deployment ").append(v.name()).append(" exchange ").append(v.exchange());
    b.append(" {\n  # The pair (guide \"Clustered Pair Configuration\"): the primary holds the VIP")
        .append(" and\n  # the secondary takes it over through VRRP.\n");
    String[] role = {"primary", "secondary"};
    for (int i = 0; i < 2; i++) {
      Host a = v.appliances().get(i);
      b.append("  appliance ").append(a.name()).append(' ').append(a.address());
      b.append(" on eth0 ").append(role[i]).append('\n');
    }
    if (twoArm(v.mode())) {
      String[] arm = backendArm(v.gateway());
      b.append("  # The servers' side (two-arm): the floating IP moves with the VIP.\n");
      b.append("  floating-ip ").append(v.gateway()).append('\n');
      b.append("  interface eth1 ").append(arm[0]).append(" secondary ").append(arm[1]);
      b.append('\n');
    }
    b.append("  # Never write the password here: it is read from the environment at build time.\n");
    b.append("  admin-password \"${env:LB_ADMIN_PASSWORD}\"\n\n");
    for (Host s : v.servers()) {
      b.append("  server ").append(s.name()).append(' ').append(s.address());
      if (twoArm(v.mode())) {
        b.append(" {\n    gateway ").append(v.gateway(), 0, v.gateway().indexOf('/'));
        b.append("\n  }\n");
      } else {
        b.append('\n');
      }
    }
    b.append(
        "\n  # One namespace for every HTTP protocol, plus autodiscover (guide \"Namespaces\").\n");
    b.append("  namespace mail.").append(v.domain()).append(" -> HTTPS for ").append(PURPOSES);
    b.append("\n  namespace autodiscover.")
        .append(v.domain())
        .append(" -> HTTPS for autodiscover\n");
    b.append("\n  # SSL is terminated on the Mailbox servers; the check is OWA's health page.\n");
    String vip = v.vip().indexOf(':') >= 0 ? "[" + v.vip() + "]" : v.vip();
    b.append("  service HTTPS ").append(vip).append(":443 ").append(v.mode()).append(" {\n");
    b.append("    check https-get \"/owa/healthcheck.htm\" expect 200\n");
    reals(b, v);
    b.append("\n  service SMTP ").append(vip).append(":25 ").append(v.mode()).append(" {\n");
    b.append("    check smtp-banner\n");
    if (v.mode().equals("snat")) {
      b.append(SMTP_NOTE).append("    # lockdown allow SMART-HOST-ADDRESS\n");
    }
    reals(b, v);
    return b.append("}\n").toString();
  }

  private static void reals(StringBuilder b, Values v) {
    for (Host s : v.servers()) {
      b.append("    real ").append(s.name()).append('\n');
    }
    b.append("  }\n");
  }
}
