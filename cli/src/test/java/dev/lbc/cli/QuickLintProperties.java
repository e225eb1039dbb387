package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@link QuickLint} reads a lint command line without picocli, so it must read every line it
 * accepts exactly as picocli does: the same value in every option and parameter of {@code lint}.
 * The lines are made of the words picocli treats specially (options of lint and of lbc, attached
 * and repeated forms, {@code --}, {@code -}, argument files, values that convert and values that do
 * not), so a line the quick reader takes differently from picocli is one it must decline.
 */
class QuickLintProperties {
  private static final AtomicInteger ACCEPTED = new AtomicInteger();
  private static final AtomicInteger TRIED = new AtomicInteger();

  @Property(tries = 3000)
  void aLineReadQuicklyHoldsWhatPicocliReads(@ForAll("lines") List<String> line) {
    String[] args = line.toArray(String[]::new);
    TRIED.incrementAndGet();
    LintCommand quick = QuickLint.parse(args);
    if (quick == null) {
      return;
    }
    ACCEPTED.incrementAndGet();
    assertEquals(picocli(args), valuesOf(LintSpec.of(quick)), String.join(" ", line));
  }

  /** The property compares something: many generated lines are read quickly. */
  @AfterContainer
  static void manyLinesWereReadQuickly() {
    assertTrue(
        ACCEPTED.get() * 10 >= TRIED.get(),
        ACCEPTED.get() + " of " + TRIED.get() + " lines read quickly");
  }

  @Provide
  Arbitrary<List<String>> lines() {
    Arbitrary<String> word =
        Arbitraries.of(
            "a.yaml",
            "examples/",
            "b c.lbc",
            "-",
            "--",
            "",
            "@args.txt",
            "lint",
            "help",
            "-q",
            "--quiet",
            "--quiet=true",
            "-qf",
            "-f",
            "--format",
            "-fjson",
            "-f=json",
            "--format=sarif",
            "--format=",
            "json",
            "SARIF",
            "GitHub",
            "nope",
            "--max-warnings",
            "--max-warnings=0",
            "--max-warnings=-1",
            "0",
            "7",
            " 3",
            "-1",
            "x",
            "--color",
            "--debug",
            "--now",
            "--disable",
            "LBC206",
            "--exclude",
            "-h",
            "--help",
            "-V",
            "--bogus");
    return word.list().ofMaxSize(6).map(QuickLintProperties::lint);
  }

  private static List<String> lint(List<String> rest) {
    List<String> line = new ArrayList<>();
    line.add(LintSpec.NAME);
    line.addAll(rest);
    return line;
  }

  /** lint's values as picocli parses {@code args}; fails the property when picocli refuses. */
  private static Map<String, String> picocli(String[] args) {
    CommandLine cli = Main.commandLine(args, silent(), silent());
    ParseResult parsed;
    try {
      parsed = cli.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError("read quickly, but picocli refuses it: " + e.getMessage(), e);
    }
    assertTrue(parsed.hasSubcommand(), "picocli runs lint");
    assertTrue(!parsed.subcommand().isUsageHelpRequested(), "picocli prints help");
    assertTrue(!parsed.subcommand().isVersionHelpRequested(), "picocli prints the version");
    return valuesOf(parsed.subcommand().commandSpec());
  }

  private static Map<String, String> valuesOf(CommandSpec spec) {
    Map<String, String> values = new TreeMap<>();
    for (ArgSpec a : spec.args()) {
      if (a instanceof OptionSpec o && (o.usageHelp() || o.versionHelp())) {
        continue; // picocli's own request flags, checked above: no field of lint holds them
      }
      Object v = a.getValue();
      String name = a.isOption() ? ((OptionSpec) a).longestName() : a.paramLabel();
      values.put(name, v + " " + (v == null ? "" : v.getClass().getName()));
    }
    return values;
  }

  private static PrintWriter silent() {
    return new PrintWriter(new StringWriter(), true);
  }
}
