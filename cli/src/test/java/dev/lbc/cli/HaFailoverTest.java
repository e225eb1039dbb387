package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated keepalived configs of an HA pair, running in two appliance namespaces on one LAN:
 * the primary holds the VIP; it moves to the secondary within 1 s when the primary stops cleanly
 * and within 4 s when it is killed (3 missed adverts plus skew), and comes back to the primary when
 * it returns (keepalived preempts by default).
 */
class HaFailoverTest {
  private static final String VIP = "192.168.30.10";

  @Test
  void vipMovesAndComesBack(@TempDir Path tmp) throws Exception {
    Path build = tmp.resolve("build");
    BuildTest.build(Repo.root().resolve("examples/exchange2016-layer7-snat.yaml"), build);
    try (Lab lab = new Lab("lbh")) {
      lab.host("lb1", "192.168.30.5/24");
      lab.host("lb2", "192.168.30.6/24");
      Process primary = keepalived(lab, "lb1", build, tmp, "a");
      keepalived(lab, "lb2", build, tmp, "a");
      waitFor(lab, "lb1", true, 10_000);
      waitFor(lab, "lb2", false, 2_000);

      primary.destroy(); // SIGTERM: keepalived resigns with priority 0
      long clean = waitFor(lab, "lb2", true, 5_000);
      assertTrue(clean <= 1_000, "clean stop: VIP on the secondary after " + clean + " ms");

      primary = keepalived(lab, "lb1", build, tmp, "b");
      long back = waitFor(lab, "lb1", true, 10_000);
      waitFor(lab, "lb2", false, 5_000);
      assertTrue(back <= 6_000, "preemption: VIP back on the primary after " + back + " ms");

      // SIGKILL to the VRRP process and its parent at once: no goodbye advert is sent, the
      // secondary must notice the missed adverts.
      primary.descendants().forEach(ProcessHandle::destroyForcibly);
      primary.destroyForcibly();
      long killed = waitFor(lab, "lb2", true, 10_000);
      assertTrue(killed <= 4_000, "killed: VIP on the secondary after " + killed + " ms");
      System.out.printf(
          "HA failover: clean stop %d ms, preemption %d ms, kill %d ms%n", clean, back, killed);
    }
  }

  private static Process keepalived(Lab lab, String host, Path build, Path tmp, String run)
      throws Exception {
    Path conf = build.resolve("appliances/" + host + "/keepalived.conf");
    String base = tmp.resolve(host + run).toString();
    return lab.start(
        host,
        List.of(
            "keepalived",
            "-P",
            "-n",
            "-l",
            "-f",
            conf.toString(),
            "-p",
            base + ".pid",
            "-r",
            base + ".vrrp.pid"),
        null,
        Map.of(),
        Path.of(base + ".log"));
  }

  /** Waits until {@code host} has (or lacks) the VIP; returns the milliseconds it took. */
  private static long waitFor(Lab lab, String host, boolean present, long timeoutMs)
      throws Exception {
    long start = System.nanoTime();
    while ((System.nanoTime() - start) / 1_000_000 < timeoutMs) {
      Netns.Result r = lab.exec(host, "ip", "-4", "addr", "show", "dev", "eth0");
      if (r.out().contains(" " + VIP + "/") == present) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(host + (present ? " never got " : " kept ") + VIP);
  }
}
