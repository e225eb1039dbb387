package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated file a real tool can check is checked by that tool: keepalived -t (exit 0 and an
 * empty stderr: its codes 4-6 also mean it rewrote a value) in a namespace with the interfaces the
 * file names, iptables-restore --test and ip6tables-restore --test in a namespace, and sysctl.conf
 * keys against the kernel's. The examples and an IPv6 deployment are built. The chains-only files
 * are applied with the RUNBOOK's own commands on an appliance that has a firewall of its own.
 */
class RealToolsTest {
  private static final Pattern IFACE = Pattern.compile("(?:interface|dev) ([A-Za-z0-9._-]+)");

  static List<Path> deployments() throws IOException {
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.list(Repo.root().resolve("examples"))) {
      s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(all::add);
    }
    all.add(Repo.root().resolve("golden/build-inputs/ipv6-layer7-and-dr.yaml"));
    all.add(Repo.root().resolve("golden/build-inputs/firewall-every-chain.yaml"));
    return all;
  }

  @TestFactory
  Stream<DynamicTest> generatedFilesPassTheRealTools(@TempDir Path tmp) throws IOException {
    return DynamicTest.stream(
        deployments().stream(),
        d -> d.getFileName().toString(),
        d -> {
          Path out = tmp.resolve(d.getFileName().toString());
          BuildTest.build(d, out);
          checkBuild(out);
        });
  }

  /** Runs every appliance-side checker over the build in {@code out}. */
  void checkBuild(Path out) throws Exception {
    try (Stream<Path> s = Files.list(out.resolve("appliances"))) {
      for (Path appliance : s.sorted().toList()) {
        keepalived(appliance.resolve("keepalived.conf"));
        restore("iptables-restore", appliance.resolve("firewall.rules"));
        Path v6 = appliance.resolve("firewall6.rules");
        if (Files.exists(v6)) {
          restore("ip6tables-restore", v6);
        }
        sysctl(appliance.resolve("sysctl.conf"));
        chainsOnTopOfTheAppliancesFirewall(appliance, runbookFirewallCommands(out));
      }
    }
  }

  /**
   * The RUNBOOK's shell block for the chains-only mode: the commands that remove what an earlier
   * build added, then the iptables-restore --noflush lines.
   */
  static String runbookFirewallCommands(Path out) throws IOException {
    String runbook = Files.readString(out.resolve("RUNBOOK.md"), StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile("lbc's chains only.*?```sh\\n(.*?)```", Pattern.DOTALL).matcher(runbook);
    assertTrue(m.find(), "RUNBOOK.md has no chains-only firewall commands:\n" + runbook);
    return m.group(1).lines().map(String::strip).reduce("", (a, b) -> a + b + "\n");
  }

  /**
   * firewall-chains.rules (and firewall6-chains.rules) on an appliance whose firewall has rules and
   * a DROP policy of its own: iptables-restore --noflush --test accepts them; the RUNBOOK's
   * commands add lbc's chains and one jump to each, keep every rule and policy the appliance had,
   * and give the same result when run again; the removal part alone leaves exactly the appliance's
   * own firewall.
   */
  private static void chainsOnTopOfTheAppliancesFirewall(Path appliance, String commands)
      throws Exception {
    String removal = commands.substring(0, commands.indexOf("iptables-restore --noflush"));
    try (Netns ns = new Netns()) {
      for (String[] tool :
          List.of(
              new String[] {"iptables", "iptables-restore", "iptables-save", "firewall-chains"},
              new String[] {
                "ip6tables", "ip6tables-restore", "ip6tables-save", "firewall6-chains"
              })) {
        for (String rule :
            List.of(
                "-A INPUT -i lo -j ACCEPT",
                "-P INPUT DROP",
                "-P FORWARD DROP",
                "-t mangle -A PREROUTING -i lo -j MARK --set-mark 7",
                "-t nat -A POSTROUTING -o lo -j MASQUERADE")) {
          List<String> command = new ArrayList<>(List.of(tool[0]));
          command.addAll(List.of(rule.split(" ")));
          Netns.Result r = ns.exec(command, null);
          assertEquals(0, r.exit(), rule + ": " + r.err());
        }
        Path rules = appliance.resolve(tool[3] + ".rules");
        if (tool[0].equals("iptables") || Files.exists(rules)) {
          Netns.Result r =
              ns.exec(
                  List.of(tool[1], "--noflush", "--test"),
                  Files.readString(rules, StandardCharsets.UTF_8));
          assertEquals(0, r.exit(), rules + ": " + r.err());
          assertEquals("", r.err().strip(), rules + ": " + r.err());
        }
      }
      String before4 = ApplyFirewallTest.ruleset(ns, "iptables-save");
      String before6 = ApplyFirewallTest.ruleset(ns, "ip6tables-save");
      List<String> sh = List.of("sh", "-ec", "cd " + appliance + "\n" + commands);
      for (int time = 1; time <= 2; time++) {
        Netns.Result r = ns.exec(sh, null);
        assertEquals(0, r.exit(), appliance + ", run " + time + ": " + r.err());
        for (String[] family :
            List.of(
                new String[] {"iptables-save", before4, "firewall-chains.rules"},
                new String[] {"ip6tables-save", before6, "firewall6-chains.rules"})) {
          String after = ApplyFirewallTest.ruleset(ns, family[0]);
          Path file = appliance.resolve(family[2]);
          String expected = Files.exists(file) ? Files.readString(file) : "";
          for (String line : family[1].lines().toList()) {
            assertTrue(
                after.contains(line + "\n"), appliance + ": lost \"" + line + "\":\n" + after);
          }
          // every chain the file declares is there, with exactly one jump to it
          Matcher chain = Pattern.compile("(?m)^:(LBC-[A-Z0-9-]+) ").matcher(expected);
          while (chain.find()) {
            String name = chain.group(1);
            assertTrue(after.contains(":" + name + " - [0:0]"), after);
            assertEquals(
                1,
                after
                    .lines()
                    .filter(l -> !l.startsWith("-A LBC-") && l.endsWith("-j " + name))
                    .count(),
                appliance + ", run " + time + ": one jump to " + name + ":\n" + after);
          }
        }
      }
      Netns.Result r = ns.exec(List.of("sh", "-ec", removal), null);
      assertEquals(0, r.exit(), r.err());
      assertEquals(before4, ApplyFirewallTest.ruleset(ns, "iptables-save"), appliance.toString());
      assertEquals(before6, ApplyFirewallTest.ruleset(ns, "ip6tables-save"), appliance.toString());
    }
  }

  private static void keepalived(Path conf) throws Exception {
    String text = Files.readString(conf, StandardCharsets.UTF_8);
    Set<String> interfaces = new TreeSet<>();
    Matcher m = IFACE.matcher(text);
    while (m.find()) {
      interfaces.add(m.group(1));
    }
    try (Netns ns = new Netns()) {
      for (String i : interfaces) {
        ns.addInterface(i);
      }
      Netns.Result r = ns.exec(List.of("keepalived", "-t", "-f", conf.toString()), null);
      assertEquals(0, r.exit(), conf + ": " + r.err());
      assertEquals("", r.err(), conf + ": keepalived -t printed warnings");
    }
  }

  private static void restore(String tool, Path rules) throws Exception {
    try (Netns ns = new Netns()) {
      Netns.Result r =
          ns.exec(List.of(tool, "--test"), Files.readString(rules, StandardCharsets.UTF_8));
      assertEquals(0, r.exit(), rules + ": " + r.err());
      assertEquals("", r.err().strip(), rules + ": " + r.err());
    }
  }

  private static void sysctl(Path conf) throws IOException {
    for (String line : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      assertTrue(line.matches("[a-z0-9_.]+ = [0-9]+"), conf + ": " + line);
      String key = line.substring(0, line.indexOf(' '));
      // ip_vs registers net.ipv4.vs.* only when loaded; its keys are checked against its docs.
      if (!key.startsWith("net.ipv4.vs.")) {
        assertTrue(
            Files.exists(Path.of("/proc/sys/" + key.replace('.', '/'))),
            conf + ": the kernel has no " + key);
      } else {
        assertEquals("net.ipv4.vs.conntrack", key);
      }
    }
  }
}
