package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated valid deployments (every mode, layer 4 SNAT, SSL offload, lockdowns of every form, IPv4
 * and IPv6, random weights, checks and balancing) build, and every file they produce passes the
 * real tools: haproxy -c, keepalived -t, iptables-restore --test and the PowerShell parser.
 */
class GeneratedBuildProperties {

  record Svc(String kind, int weight, String balance, int interval, List<String> allow) {}

  @Provide
  Arbitrary<List<Svc>> services() {
    Arbitrary<String> kind =
        Arbitraries.of(
            "https-l7",
            "https-dr",
            "imap-l7",
            "imap-dr",
            "smtp-l7",
            "pop-nat",
            "l4-snat",
            "offload",
            "offload-vdirs",
            "redirect",
            "smtp-v6");
    Arbitrary<List<String>> allow =
        Arbitraries.of(
                "192.168.30.50", "192.168.30.50-192.168.30.60", "10.1.0.0/16", "172.16.0.0/12")
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .uniqueElements();
    return Combinators.combine(
            kind,
            Arbitraries.integers().between(0, 256),
            Arbitraries.of("weighted-round-robin", "round-robin", "weighted-least-connection"),
            Arbitraries.integers().between(1, 30),
            allow)
        .as(Svc::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  static String yaml(List<Svc> services, int serverCount) {
    StringBuilder b =
        new StringBuilder(
            """
        lbc: 1
        name: generated
        exchange: 2016
        appliances:
          primary: { hostname: lb1, address: 192.168.30.5/24, interface: eth0 }
          secondary: { hostname: lb2, address: 192.168.30.6/24, interface: eth0 }
          floating-ips: [192.168.30.1/24, "2001:db8:30::1/64"]
          interfaces: [{ name: eth1, address: "2001:db8:30::5/64", secondary-address: "2001:db8:30::6/64" }]
          admin-password-hash: "$6$salt$abcdefghijklmnop"
        certificates: [{ name: ExchangeCert, pem: ../../examples/certs/exchange.pem }]
        servers:
        """);
    for (int i = 0; i < serverCount; i++) {
      b.append("  - { name: MB")
          .append(i)
          .append(", address: 192.168.30.")
          .append(20 + i)
          .append(", gateway: 192.168.30.1, os: windows-2019, adapters: { lan: \"Ethernet ")
          .append(i)
          .append("\", loopback: Loopback } }\n");
    }
    // a name the certificate (examples/certs/exchange.pem) covers, or LBC110 refuses the build
    b.append("namespaces:\n  - { host: mail.lbtestdom.com, service: S0, purpose: [owa] }\n");
    b.append("services:\n");
    for (int i = 0; i < services.size(); i++) {
      Svc s = services.get(i);
      String vip = "192.168.30." + (100 + i);
      String reals =
          java.util.stream.IntStream.range(0, serverCount)
              // Later members may be halted (weight 0); the first always serves, because a
              // service with no member to serve is LBC109, not a deployment to build.
              .mapToObj(
                  k ->
                      "{ server: MB"
                          + k
                          + "%s, weight: "
                          + (k == 0 ? Math.max(1, s.weight()) : s.weight())
                          + " }")
              .collect(Collectors.joining(", ", "[", "]"));
      String check = ", health-check: { type: %s, interval: " + s.interval() + "s }";
      String common = "balance: " + s.balance();
      String line =
          switch (s.kind()) {
            case "https-l7" ->
                "vip: "
                    + vip
                    + ", ports: [443], mode: snat, "
                    + common
                    + check.formatted("https-get")
                    + ", real-servers: "
                    + reals.replace("%s", ", port: 443");
            case "https-dr" ->
                "vip: "
                    + vip
                    + ", ports: [443], mode: dr, "
                    + common
                    + check.formatted("https-get")
                    + ", real-servers: "
                    + reals.replace("%s", "");
            case "imap-l7" ->
                "vip: "
                    + vip
                    + ", ports: [143, 993], mode: snat, "
                    + common
                    + ", real-servers: "
                    + reals.replace("%s", "");
            case "imap-dr" ->
                "vip: "
                    + vip
                    + ", ports: [143, 993], mode: dr, "
                    + common
                    + check.formatted("tcp-connect")
                    + ", real-servers: "
                    + reals.replace("%s", "");
            case "smtp-l7" ->
                "vip: "
                    + vip
                    + ", ports: [25], mode: snat, lockdown: { allow: ["
                    + String.join(", ", s.allow())
                    + "] }"
                    + check.formatted("smtp-banner")
                    + ", real-servers: "
                    + reals.replace("%s", ", port: 25");
            case "pop-nat" ->
                "vip: "
                    + vip
                    + ", ports: [110], mode: nat, "
                    + common
                    + ", real-servers: "
                    + reals.replace("%s", "");
            case "l4-snat" ->
                "vip: "
                    + vip
                    + ", ports: [8443], mode: snat, layer: 4, "
                    + common
                    + ", real-servers: "
                    + reals.replace("%s", ", port: 4443");
            case "offload" ->
                "vip: "
                    + vip
                    + ", ports: [443], mode: snat, protocol: http,"
                    + " x-forwarded-for: true, ssl: { offload: ExchangeCert, reencrypt: true }"
                    + check.formatted("https-get")
                    + ", real-servers: "
                    + reals.replace("%s", ", port: 443");
            case "offload-vdirs" ->
                "vip: "
                    + vip
                    + ", ports: [443], mode: snat, protocol: http,"
                    + " ssl: { offload: ExchangeCert, reencrypt: true }"
                    + check.formatted("https-get")
                    + ", vdirs: [owa, ews, activesync, mapi, powershell],"
                    + " vdir-timeouts: { activesync: { client: 60m, server: 60m } }"
                    + ", real-servers: "
                    + reals.replace("%s", ", port: 443");
            case "redirect" ->
                "vip: " + vip + ", ports: [80], mode: snat, protocol: http," + " redirect: https";
            default ->
                "vip: \"2001:db8:30::"
                    + (100 + i)
                    + "\", ports: [25], mode: snat,"
                    + " lockdown: { allow: [\"2001:db8:99::/48\"] }, real-servers: "
                    + reals.replace("%s", ", port: 25");
          };
      b.append("  - { name: S").append(i).append(", ").append(line).append(" }\n");
    }
    return b.toString();
  }

  @Property(tries = 10)
  void generatedDeploymentsBuildAndPassTheTools(
      @ForAll("services") List<Svc> services, @ForAll("serverCounts") int servers)
      throws Exception {
    BuildTest.TempBuild build = BuildTest.buildInTemp(yaml(services, servers));
    Path out = build.out();
    Cli.Run run = build.run();
    assertEquals(0, run.exit(), Files.readString(build.source()) + run.out() + run.err());
    List<String> ps1 = new ArrayList<>();
    try (Stream<Path> s = Files.walk(out)) {
      s.filter(p -> p.toString().endsWith(".ps1")).forEach(p -> ps1.add(p.toString()));
    }
    try (Stream<Path> s = Files.list(out.resolve("appliances"))) {
      for (Path appliance : s.toList()) {
        Netns.Result check = InstalledHaproxy.check(appliance);
        String log = check.out();
        assertEquals(0, check.exit(), log);
        assertTrue(!log.contains("ALERT") && !log.contains("WARNING"), log);
      }
    }
    new RealToolsTest().checkBuild(out);
    SCRIPTS.addAll(ps1);
  }

  /** Generated PowerShell of every try, parsed in one run of the parser (it starts slowly). */
  private static final List<String> SCRIPTS = new java.util.concurrent.CopyOnWriteArrayList<>();

  @net.jqwik.api.lifecycle.AfterContainer
  static void everyGeneratedScriptParses() throws Exception {
    if (SCRIPTS.isEmpty()) {
      return;
    }
    List<String> command =
        new ArrayList<>(
            List.of("node", Repo.root().resolve("tools/ps-parse/parse.mjs").toString()));
    command.addAll(SCRIPTS);
    Netns.Result r = Netns.run(command, null);
    assertEquals(0, r.exit(), r.out());
  }

  @Provide
  Arbitrary<Integer> serverCounts() {
    return Arbitraries.integers().between(1, 3);
  }
}
