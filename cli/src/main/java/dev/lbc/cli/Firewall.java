package dev.lbc.cli;

import dev.lbc.backends.iptables.FirewallBackend;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.spi.Backend.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code lbc run --apply-firewall}: the primary appliance's compiled firewall.rules applied with
 * iptables-restore while lbc runs, the previous ruleset saved first and restored on exit.
 */
final class Firewall {
  private final String saved;
  private final Consumer<String> log;

  private Firewall(String saved, Consumer<String> log) {
    this.saved = saved;
    this.log = log;
  }

  static Firewall apply(Plan plan, Consumer<String> log) throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IOException("applying firewall rules needs root");
    }
    String rules = null;
    for (GeneratedFile f : new FirewallBackend().render(plan)) {
      if (f.path()
          .equals("appliances/" + plan.appliances().get(0).hostname() + "/firewall.rules")) {
        rules = f.text();
      }
    }
    String saved = run(List.of("iptables-save"), null);
    run(List.of("iptables-restore"), rules);
    log.accept("applied the compiled firewall.rules (removed again on exit)");
    return new Firewall(saved, log);
  }

  /** Empty tables: restoring them flushes what lbc applied (its own chains included). */
  private static final String EMPTY =
      """
      *filter
      :INPUT ACCEPT [0:0]
      :FORWARD ACCEPT [0:0]
      :OUTPUT ACCEPT [0:0]
      COMMIT
      *mangle
      :PREROUTING ACCEPT [0:0]
      :INPUT ACCEPT [0:0]
      :FORWARD ACCEPT [0:0]
      :OUTPUT ACCEPT [0:0]
      :POSTROUTING ACCEPT [0:0]
      COMMIT
      *nat
      :PREROUTING ACCEPT [0:0]
      :INPUT ACCEPT [0:0]
      :OUTPUT ACCEPT [0:0]
      :POSTROUTING ACCEPT [0:0]
      COMMIT
      """;

  void remove() {
    try {
      // The saved ruleset names only the tables that had rules; flush the rest first.
      run(List.of("iptables-restore"), EMPTY);
      run(List.of("iptables-restore"), saved);
      log.accept("restored the firewall rules found at start");
    } catch (IOException e) {
      log.accept("could not restore the previous firewall rules: " + e.getMessage());
    }
  }

  private static String run(List<String> command, String input) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (input != null) {
      p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return out;
  }
}
