package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code lbc run --apply-firewall}, inside a network namespace of its own whose host firewall is
 * closed (INPUT policy DROP, loopback and one admin address allowed, a NAT rule of its own): while
 * lbc runs, that firewall is untouched and lbc's lockdown chain is hooked in front of it; after a
 * SIGTERM the ruleset is exactly the one found at start; after a SIGKILL lbc's chain is left
 * behind, and the next run removes it first.
 */
class ApplyFirewallTest {
  static final String JUMP =
      "-A INPUT -m comment --comment \"lbc-run:lockdown\" -j LBCRUN-LOCKDOWN";

  @Test
  void theHostsFirewallStaysClosedWhileRunningAndComesBackExactlyAfterSigterm() throws Exception {
    try (Netns ns = new Netns()) {
      String before = closedHost(ns);
      Run run = new Run(ns);
      try {
        run.awaitServing();
        assertRunning(ns);
      } finally {
        run.stop();
      }
      run.await("removed lbc's firewall chains");
      assertEquals(before, ruleset(ns), "the ruleset found at start, exactly");
    }
  }

  @Test
  void anAppliancesInstalledLbcChainsSurviveARun() throws Exception {
    try (Netns ns = new Netns()) {
      closedHost(ns);
      // the appliance's own lockdown, installed from its compiled firewall-chains.rules
      for (String rule :
          List.of(
              "-N LBC-LOCKDOWN",
              "-A LBC-LOCKDOWN -d 192.168.30.10/32 -p tcp --dport 25 -j DROP",
              "-I INPUT 1 -m comment --comment lbc:lockdown -j LBC-LOCKDOWN")) {
        List<String> command = new ArrayList<>(List.of("iptables"));
        command.addAll(List.of(rule.split(" ")));
        Netns.Result r = ns.exec(command, null);
        assertEquals(0, r.exit(), rule + ": " + r.err());
      }
      String before = ruleset(ns);
      Run run = new Run(ns);
      try {
        run.awaitServing();
        String during = ruleset(ns);
        assertTrue(
            during.contains("-A LBC-LOCKDOWN -d 192.168.30.10/32 -p tcp -m tcp --dport 25 -j DROP"),
            during);
      } finally {
        run.stop();
      }
      run.await("removed lbc's firewall chains");
      assertEquals(before, ruleset(ns), "the appliance's own chains and rules, exactly");
    }
  }

  @Test
  void aRunKilledWithSigkillLeavesItsChainAndTheNextRunRemovesIt() throws Exception {
    try (Netns ns = new Netns()) {
      String before = closedHost(ns);
      Run killed = new Run(ns);
      killed.awaitServing();
      killed.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertTrue(killed.process.waitFor(15, TimeUnit.SECONDS));
      String left = ruleset(ns);
      assertTrue(left.contains(JUMP) && left.contains(":LBCRUN-LOCKDOWN - [0:0]"), left);

      Run next = new Run(ns);
      try {
        next.await("removed what an earlier lbc run left in the firewall");
        next.awaitServing();
        assertRunning(ns);
      } finally {
        next.stop();
      }
      next.await("removed lbc's firewall chains");
      assertEquals(before, ruleset(ns), "the ruleset found before the first run, exactly");
    }
  }

  /** The host's own firewall is closed and lbc's lockdown is hooked in once, in front of it. */
  private static void assertRunning(Netns ns) throws Exception {
    String during = ruleset(ns);
    assertTrue(during.contains(":INPUT DROP"), during);
    assertTrue(during.contains("-A INPUT -i lo -j ACCEPT"), during);
    assertTrue(during.contains("-A INPUT -s 10.9.9.9/32 -j ACCEPT"), during);
    assertTrue(during.contains("-A POSTROUTING -o eth9 -j MASQUERADE"), during);
    assertEquals(
        JUMP,
        during.lines().filter(l -> l.startsWith("-A INPUT")).findFirst().orElse(""),
        "one jump to lbc's chain, first in INPUT: " + during);
    assertEquals(1, during.lines().filter(JUMP::equals).count(), during);
    assertTrue(
        during.contains(
            "-A LBCRUN-LOCKDOWN -d 127.0.0.10/32 -p tcp -m tcp --dport 2525"
                + " -m comment --comment \"lbc MBOX-SMTP lockdown\" -j DROP"),
        during);
  }

  /**
   * A host firewall as an administrator leaves it: INPUT closed but for loopback and one address,
   * and a NAT rule; returns the ruleset.
   */
  static String closedHost(Netns ns) throws Exception {
    Netns.run(List.of("ip", "-n", ns.name, "link", "set", "lo", "up"), null);
    for (String rule :
        List.of(
            "-A INPUT -i lo -j ACCEPT",
            "-A INPUT -s 10.9.9.9 -j ACCEPT",
            "-P INPUT DROP",
            "-t nat -A POSTROUTING -o eth9 -j MASQUERADE")) {
      List<String> command = new ArrayList<>(List.of("iptables"));
      command.addAll(List.of(rule.split(" ")));
      Netns.Result r = ns.exec(command, null);
      assertEquals(0, r.exit(), rule + ": " + r.err());
    }
    return ruleset(ns);
  }

  /** iptables-save without its dated comments and with counters zeroed: the rules themselves. */
  static String ruleset(Netns ns) throws Exception {
    return ruleset(ns, "iptables-save");
  }

  static String ruleset(Netns ns, String save) throws Exception {
    Netns.Result r = ns.exec(List.of(save), null);
    assertEquals(0, r.exit(), r.err());
    StringBuilder out = new StringBuilder();
    for (String line : r.out().split("\n")) {
      if (!line.startsWith("#")) {
        out.append(line.replaceAll("\\[[0-9]+:[0-9]+\\]$", "[0:0]")).append('\n');
      }
    }
    return out.toString();
  }

  /** {@code lbc run examples/lab.yaml --apply-firewall} in the namespace. */
  private static final class Run {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> seen = new ArrayList<>();

    Run(Netns ns) throws Exception {
      process =
          RunCommandTest.start(
              List.of("ip", "netns", "exec", ns.name),
              lines,
              "run",
              "examples/lab.yaml",
              "--simulate-servers",
              "--apply-firewall",
              "--admin",
              "127.0.0.1:19100");
    }

    void awaitServing() throws InterruptedException {
      await("serving 3 service(s)");
    }

    void await(String text) throws InterruptedException {
      RunCommandTest.await(lines, text, seen);
    }

    void stop() throws InterruptedException {
      // ProcessHandle.destroy only signals; Process.destroy would also close our end of its
      // output, and we want to read what lbc prints while it stops.
      process.toHandle().destroy();
      assertTrue(process.waitFor(15, TimeUnit.SECONDS), "lbc run stops on SIGTERM");
    }
  }
}
