package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-protocol failover through the generated haproxy.cfg, in network namespaces: a real HAProxy in
 * front of two simulated Exchange servers, with owa and ews routed and checked on their own
 * (golden/build-inputs/e2e-vdirs.yaml, checks every 500ms, rise 2, fall 2). When MBOX2's OWA goes
 * inactive, as {@code Set-ServerComponentState MBOX2 -Component OwaProxy -State Inactive} makes it,
 * {@code /owa} (in any case) goes to MBOX1 only within fall × interval, while {@code /ews} and the
 * paths of the service's own pool ({@code /owash} is not OWA) still spread over both; OWA comes
 * back within rise × interval.
 */
class VdirEndToEndTest {
  private static final String VIP = "192.168.30.10";
  private static final long INTERVAL_MS = 500;

  @Test
  void oneServersOwaGoesDownWhileItsEwsKeepsServing(@TempDir Path tmp) throws Exception {
    Path build = tmp.resolve("build");
    BuildTest.build(Repo.root().resolve("golden/build-inputs/e2e-vdirs.yaml"), build);
    Path appliance = build.resolve("appliances/lb1");
    Path sim = Repo.root().resolve("cli/src/test/resources/e2e/exchange_sim.py");
    Path cert = Repo.root().resolve("examples/certs/exchange.pem");
    try (Lab lab = new Lab("lbv")) {
      lab.host("app", "192.168.30.5/24", VIP + "/24");
      lab.host("s1", "192.168.30.20/24");
      lab.host("s2", "192.168.30.21/24");
      lab.host("c1", "192.168.30.50/24");
      lab.start(
          "app",
          InstalledHaproxy.command(List.of(), appliance, "-W", "-db", "-f", "haproxy.cfg"),
          appliance,
          Map.of("LB_ADMIN_PASSWORD", "e2e-secret"),
          tmp.resolve("haproxy.log"));
      for (int i = 1; i <= 2; i++) {
        lab.start(
            "s" + i,
            List.of(
                "python3",
                sim.toString(),
                "--name",
                "MBOX" + i,
                "--address",
                "192.168.30.2" + (i - 1),
                "--cert",
                cert.toString(),
                "--state-file",
                tmp.resolve("MBOX" + i + ".inactive").toString(),
                "--messages-file",
                tmp.resolve("messages").toString()),
            null,
            Map.of(),
            tmp.resolve("s" + i + ".log"));
      }
      for (String proxy : List.of("MBOX-HTTPS", "MBOX-HTTPS-owa", "MBOX-HTTPS-ews")) {
        for (String server : List.of("MBOX1", "MBOX2")) {
          awaitState(lab, proxy, server, "UP", 10_000, tmp);
        }
      }
      for (String path : List.of("/owa/", "/OWA/auth/logon.aspx", "/ews/exchange.asmx")) {
        assertSpread(path, requests(lab, path, 10));
      }

      Path owaDown = tmp.resolve("MBOX2.inactive.owa");
      Files.writeString(owaDown, "OwaProxy inactive");
      long started = System.nanoTime();
      awaitState(lab, "MBOX-HTTPS-owa", "MBOX2", "DOWN", 10_000, tmp);
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      // fall 2 x inter 500ms, plus the check in flight when the state changed
      assertTrue(tookMs < 4 * INTERVAL_MS + 500, "OWA marked down after " + tookMs + " ms");
      assertEquals(Map.of("MBOX1", 10), requests(lab, "/owa/", 10));
      assertEquals(Map.of("MBOX1", 10), requests(lab, "/OWA/auth/logon.aspx", 10));
      assertEquals(Map.of("MBOX1", 4), requests(lab, "/owa", 4));
      assertSpread("/ews/ while OWA is down", requests(lab, "/ews/exchange.asmx", 10));
      // a segment boundary: /owash is not OWA, so the service's own pool (ECP check) serves it
      assertSpread("/owash while OWA is down", requests(lab, "/owash", 10));
      awaitState(lab, "MBOX-HTTPS-ews", "MBOX2", "UP", 1_000, tmp);

      Files.delete(owaDown);
      started = System.nanoTime();
      awaitState(lab, "MBOX-HTTPS-owa", "MBOX2", "UP", 10_000, tmp);
      tookMs = (System.nanoTime() - started) / 1_000_000;
      // rise 2 x inter 500ms, plus the check in flight
      assertTrue(tookMs < 4 * INTERVAL_MS + 500, "OWA back up after " + tookMs + " ms");
      assertSpread("/owa/ after recovery", requests(lab, "/owa/", 10));
    }
  }

  private static void assertSpread(String what, Map<String, Integer> counts) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(
        counts.getOrDefault("MBOX1", 0) >= total / 4
            && counts.getOrDefault("MBOX2", 0) >= total / 4,
        what + " must spread over both servers: " + counts);
  }

  /** {@code n} HTTPS requests for {@code path} from the client, counted by the server answering. */
  private static Map<String, Integer> requests(Lab lab, String path, int n) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Netns.Result r =
          lab.exec("c1", "curl", "-sk", "--max-time", "5", "https://" + VIP + path + "?i=" + i);
      assertEquals(0, r.exit(), path + " request " + i + ": " + r.err());
      counts.merge(r.out().trim().replace("served by ", ""), 1, Integer::sum);
    }
    return counts;
  }

  private static void awaitState(
      Lab lab, String proxy, String server, String state, long timeoutMs, Path tmp)
      throws Exception {
    EndToEndTest.awaitState(lab, proxy, server, state, timeoutMs, tmp);
  }
}
