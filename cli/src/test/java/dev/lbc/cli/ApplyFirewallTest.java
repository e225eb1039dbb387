package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lbc run --apply-firewall}, inside a network namespace of its own: the compiled lockdown is
 * in the kernel's ruleset while lbc runs, and the previous ruleset is back after it stops.
 */
class ApplyFirewallTest {
  @Test
  void rulesAreAppliedWhileRunningAndRemovedOnExit(@TempDir Path tmp) throws Exception {
    try (Netns ns = new Netns()) {
      Netns.run(List.of("ip", "-n", ns.name, "link", "set", "lo", "up"), null);
      assertFalse(ns.exec(List.of("iptables", "-S"), null).out().contains("LBC-LOCKDOWN"));
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Process lbc =
          RunCommandTest.start(
              List.of("ip", "netns", "exec", ns.name),
              lines,
              "run",
              "examples/lab.yaml",
              "--simulate-servers",
              "--apply-firewall",
              "--admin",
              "127.0.0.1:19100");
      List<String> seen = new ArrayList<>();
      try {
        RunCommandTest.await(lines, "serving 3 service(s)", seen);
        String rules = ns.exec(List.of("iptables", "-S"), null).out();
        assertTrue(rules.contains("-A INPUT -j LBC-LOCKDOWN"), rules);
        assertTrue(
            rules.contains(
                "-A LBC-LOCKDOWN -d 127.0.0.10/32 -p tcp -m tcp --dport 2525"
                    + " -m comment --comment \"lbc MBOX-SMTP lockdown\" -j DROP"),
            rules);
      } finally {
        // ProcessHandle.destroy only signals; Process.destroy would also close our end of its
        // output, and we want to read what lbc prints while it stops.
        lbc.toHandle().destroy();
        assertTrue(lbc.waitFor(15, TimeUnit.SECONDS));
      }
      RunCommandTest.await(lines, "restored the firewall rules found at start", seen);
      String after = ns.exec(List.of("iptables", "-S"), null).out();
      assertFalse(after.contains("LBC-LOCKDOWN"), after);
      assertEquals(0, ns.exec(List.of("iptables", "-S"), null).exit());
    }
  }
}
