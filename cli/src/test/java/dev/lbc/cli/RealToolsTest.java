package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * keys against the kernel's. The examples and an IPv6 deployment are built.
 */
class RealToolsTest {
  private static final Pattern IFACE = Pattern.compile("(?:interface|dev) ([A-Za-z0-9._-]+)");

  static List<Path> deployments() throws IOException {
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.list(Repo.root().resolve("examples"))) {
      s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(all::add);
    }
    all.add(Repo.root().resolve("golden/build-inputs/ipv6-layer7-and-dr.yaml"));
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
      }
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
