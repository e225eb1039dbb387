package dev.lbc.runtime.firewall;

import dev.lbc.backends.iptables.FirewallBackend;
import dev.lbc.backends.iptables.FirewallBackend.Layout;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.spi.Backend.GeneratedFile;
import dev.lbc.compiler.spi.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code lbc run --apply-firewall}: the primary appliance's compiled firewall-chains.rules (and
 * firewall6-chains.rules) added with {@code iptables-restore --noflush} while lbc runs. Only the
 * run's own chains and one tagged jump into each are added; no policy and no other rule of the host
 * changes (ADR 0006). The run's chains are named {@code LBCRUN-*} and tagged {@code lbc-run:}, not
 * {@code LBC-*} and {@code lbc:}: an appliance that installed the compiled chains keeps them
 * whatever a run does. On exit they are removed again; a run killed before it could do that leaves
 * them, and the next run removes them before adding its own.
 */
public final class Firewall {
  /** One address family's tools and the compiled file it applies. */
  record Family(String save, String restore, String file) {}

  static final List<Family> FAMILIES =
      List.of(
          new Family("iptables-save", "iptables-restore", Layout.CHAINS.file(false)),
          new Family("ip6tables-save", "ip6tables-restore", Layout.CHAINS.file(true)));

  private final Consumer<String> log;

  private Firewall(Consumer<String> log) {
    this.log = log;
  }

  public static Firewall apply(Plan plan, Consumer<String> log) throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IOException("applying firewall rules needs root");
    }
    Map<Family, String> files = new LinkedHashMap<>();
    for (GeneratedFile f :
        Backends.load().get(FirewallBackend.class).render(plan, plan.primary())) {
      for (Family family : FAMILIES) {
        if (f.path().equals(family.file())) {
          files.put(family, forRun(f.text()));
        }
      }
    }
    Firewall firewall = new Firewall(log);
    List<String> left = firewall.sweep();
    if (!left.isEmpty()) {
      log.accept(
          "removed what an earlier lbc run left in the firewall: " + String.join(", ", left));
    }
    try {
      for (var e : files.entrySet()) {
        run(List.of(e.getKey().restore(), "--noflush"), e.getValue());
      }
    } catch (IOException e) {
      firewall.remove();
      throw e;
    }
    log.accept(
        "added lbc's firewall chains ("
            + String.join(", ", files.keySet().stream().map(Family::file).toList())
            + "); the host's own rules and policies are untouched; removed again on exit");
    return firewall;
  }

  /** Removes lbc's chains and the jumps into them. */
  public void remove() {
    try {
      sweep();
      log.accept("removed lbc's firewall chains; the host's own rules are as they were");
    } catch (IOException e) {
      log.accept("could not remove lbc's firewall chains: " + e.getMessage());
    }
  }

  /**
   * Removes every jump into an lbc chain and every lbc chain, in every family whose tools exist,
   * one atomic iptables-restore per family; returns what it removed (empty if nothing).
   */
  private List<String> sweep() throws IOException {
    List<String> removed = new ArrayList<>();
    for (Family family : FAMILIES) {
      String saved;
      try {
        saved = run(List.of(family.save()), null);
      } catch (IOException e) {
        if (family.save().startsWith("ip6")) {
          continue; // a host without IPv6 netfilter: lbc added nothing there either
        }
        throw e;
      }
      Sweep sweep = sweep(saved);
      if (!sweep.script().isEmpty()) {
        run(List.of(family.restore(), "--noflush"), sweep.script());
        removed.addAll(sweep.removed());
      }
    }
    return removed;
  }

  /** The chain prefix and tag of a run's chains; the compiled files use LBC- and lbc:. */
  static final String RUN_CHAIN = "LBCRUN-";

  static final String RUN_TAG = "lbc-run:";

  /**
   * The compiled chains file with the run's chain names and tags: every rule line's {@code LBC-}
   * chain names and {@code lbc:} tags (the backend writes both, and nothing else starts so).
   */
  static String forRun(String compiled) {
    StringBuilder out = new StringBuilder();
    for (String line : compiled.split("\n", -1)) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(
          line.startsWith("#")
              ? line
              : line.replace("LBC-", RUN_CHAIN).replace(FirewallBackend.TAG_PREFIX, RUN_TAG));
    }
    return out.toString();
  }

  /** What a sweep does: an iptables-restore --noflush script, and what it removes. */
  record Sweep(String script, List<String> removed) {}

  private static final Pattern TAGGED = Pattern.compile(" --comment \"?" + Pattern.quote(RUN_TAG));
  private static final Pattern JUMP = Pattern.compile(" -[jg] " + Pattern.quote(RUN_CHAIN));

  /**
   * From {@code iptables-save} output, the script that removes what a run adds: the rules outside
   * the run's chains that jump into one or carry the run's tag, then the run's chains (all emptied
   * first, since one may jump to another). An appliance's installed LBC- chains are not touched.
   * Pure, so that it is tested without root.
   */
  static Sweep sweep(String saved) {
    StringBuilder script = new StringBuilder();
    List<String> removed = new ArrayList<>();
    String table = null;
    List<String> deletes = new ArrayList<>();
    List<String> chains = new ArrayList<>();
    for (String line : saved.split("\n")) {
      if (line.startsWith("*")) {
        table = line.substring(1).strip();
        deletes.clear();
        chains.clear();
      } else if (line.startsWith(":" + RUN_CHAIN)) {
        chains.add(line.substring(1, line.indexOf(' ') > 0 ? line.indexOf(' ') : line.length()));
      } else if (line.startsWith("-A ")
          && !line.startsWith("-A " + RUN_CHAIN)
          && (JUMP.matcher(line).find() || TAGGED.matcher(line).find())) {
        deletes.add("-D " + line.substring(3));
      } else if (line.strip().equals("COMMIT") && (!deletes.isEmpty() || !chains.isEmpty())) {
        script.append('*').append(table).append('\n');
        deletes.forEach(d -> script.append(d).append('\n'));
        chains.forEach(c -> script.append("-F ").append(c).append('\n'));
        chains.forEach(c -> script.append("-X ").append(c).append('\n'));
        script.append("COMMIT\n");
        for (String d : deletes) {
          removed.add(table + ": " + d.substring(3));
        }
        for (String c : chains) {
          removed.add(table + ": chain " + c);
        }
      }
    }
    return new Sweep(script.toString(), removed);
  }

  private static String run(List<String> command, String input) throws IOException {
    Process p = new ProcessBuilder(command).start();
    if (input != null) {
      p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    // iptables writes a few lines to stderr at most: reading it second cannot block the tool
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " failed: " + (err + out).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return out;
  }
}
