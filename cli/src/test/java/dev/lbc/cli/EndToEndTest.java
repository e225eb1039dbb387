package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated appliance files running for real, in network namespaces: a client inside the SMTP
 * lockdown and one outside, the appliance running the generated haproxy.cfg and firewall.rules, and
 * two simulated Exchange servers. HTTPS through the VIP is spread by weight (2:1), a server whose
 * healthcheck.htm fails stops receiving traffic and comes back, SMTP from the smart host is
 * delivered and SMTP from anywhere else is dropped.
 */
class EndToEndTest {
  private static final String VIP = "192.168.30.10";

  @Test
  void trafficThroughTheGeneratedAppliance(@TempDir Path tmp) throws Exception {
    Path build = tmp.resolve("build");
    BuildTest.build(Repo.root().resolve("golden/build-inputs/e2e-weighted.yaml"), build);
    Path appliance = build.resolve("appliances/lb1");
    Path sim = Repo.root().resolve("cli/src/test/resources/e2e/exchange_sim.py");
    Path cert = Repo.root().resolve("examples/certs/exchange.pem");
    Files.createDirectories(Path.of("/run/haproxy"));
    try (Lab lab = new Lab("lbe")) {
      lab.host("app", "192.168.30.5/24", VIP + "/24");
      lab.host("s1", "192.168.30.20/24");
      lab.host("s2", "192.168.30.21/24");
      lab.host("c1", "192.168.30.50/24");
      lab.host("c2", "192.168.30.77/24");
      Netns.Result fw =
          lab.exec("app", "iptables-restore", appliance.resolve("firewall.rules").toString());
      assertEquals(0, fw.exit(), fw.err());
      lab.start(
          "app",
          InstalledHaproxy.command(List.of(), appliance, "-W", "-db", "-f", "haproxy.cfg"),
          appliance,
          Map.of("LB_ADMIN_PASSWORD", "e2e-secret"),
          tmp.resolve("haproxy.log"));
      Path down2 = tmp.resolve("MBOX2.inactive");
      Path messages = tmp.resolve("messages");
      lab.start(
          "s1",
          List.of(
              "python3",
              sim.toString(),
              "--name",
              "MBOX1",
              "--address",
              "192.168.30.20",
              "--cert",
              cert.toString(),
              "--state-file",
              tmp.resolve("MBOX1.inactive").toString(),
              "--messages-file",
              messages.toString()),
          null,
          Map.of(),
          tmp.resolve("s1.log"));
      lab.start(
          "s2",
          List.of(
              "python3",
              sim.toString(),
              "--name",
              "MBOX2",
              "--address",
              "192.168.30.21",
              "--cert",
              cert.toString(),
              "--state-file",
              down2.toString(),
              "--messages-file",
              messages.toString()),
          null,
          Map.of(),
          tmp.resolve("s2.log"));

      awaitState(lab, "MBOX-HTTPS", "MBOX1", "UP", 10_000, tmp);
      awaitState(lab, "MBOX-HTTPS", "MBOX2", "UP", 10_000, tmp);

      Map<String, Integer> spread = requests(lab, 30);
      assertEquals(30, spread.values().stream().mapToInt(Integer::intValue).sum(), "" + spread);
      int one = spread.getOrDefault("MBOX1", 0);
      assertTrue(one >= 18 && one <= 22, "weights 100:50 give 2:1 within ±2 of 20/30: " + spread);

      Files.writeString(down2, "inactive");
      long started = System.nanoTime();
      awaitState(lab, "MBOX-HTTPS", "MBOX2", "DOWN", 10_000, tmp);
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      // fall 2 x inter 500ms, plus a check in flight
      assertTrue(tookMs < 2_500, "marked down after " + tookMs + " ms");
      assertEquals(Map.of("MBOX1", 10), requests(lab, 10));
      Files.delete(down2);
      awaitState(lab, "MBOX-HTTPS", "MBOX2", "UP", 10_000, tmp);

      Path mail = Files.writeString(tmp.resolve("mail.txt"), "Subject: e2e\r\n\r\nhello\r\n");
      Netns.Result allowed =
          lab.exec(
              "c1",
              "curl",
              "-s",
              "--connect-timeout",
              "5",
              "smtp://" + VIP,
              "--mail-from",
              "a@lbtestdom.com",
              "--mail-rcpt",
              "b@lbtestdom.com",
              "-T",
              mail.toString());
      assertEquals(0, allowed.exit(), "smart host inside the lockdown: " + allowed.err());
      assertEquals(1, Files.readAllLines(messages).size());
      Netns.Result refused =
          lab.exec(
              "c2",
              "curl",
              "-s",
              "--connect-timeout",
              "2",
              "smtp://" + VIP,
              "--mail-from",
              "a@lbtestdom.com",
              "--mail-rcpt",
              "b@lbtestdom.com",
              "-T",
              mail.toString());
      assertNotEquals(0, refused.exit(), "a host outside the lockdown must be dropped");
      assertEquals(1, Files.readAllLines(messages).size());
    }
  }

  /** N HTTPS requests from the client inside the lockdown, counted by the server answering. */
  private static Map<String, Integer> requests(Lab lab, int n) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Netns.Result r = lab.exec("c1", "curl", "-sk", "--max-time", "5", "https://" + VIP + "/owa/");
      assertEquals(0, r.exit(), "request " + i + ": " + r.err());
      String server = r.out().trim().replace("served by ", "");
      counts.merge(server, 1, Integer::sum);
    }
    return counts;
  }

  /** Polls the generated statistics page until the server of {@code proxy} shows {@code state}. */
  static void awaitState(
      Lab lab, String proxy, String server, String state, long timeoutMs, Path tmp)
      throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    String last = "";
    while (System.currentTimeMillis() < deadline) {
      Netns.Result csv =
          lab.exec(
              "c1",
              "curl",
              "-s",
              "--max-time",
              "2",
              "-u",
              "admin:e2e-secret",
              "http://192.168.30.5:7777/;csv");
      for (String line : csv.out().split("\n")) {
        String[] f = line.split(",");
        if (f.length > 17 && f[0].equals(proxy) && f[1].equals(server)) {
          last = f[17];
          if (f[17].startsWith(state)) {
            return;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        proxy
            + "/"
            + server
            + " never became "
            + state
            + " (last: "
            + last
            + "); haproxy log: "
            + Files.readString(tmp.resolve("haproxy.log"), StandardCharsets.UTF_8));
  }
}
