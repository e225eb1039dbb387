package dev.lbc.cli;

import dev.lbc.compiler.render.Format;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The lint command lines CI jobs and editors run, read without picocli: {@code lbc lint FILE...},
 * with {@code -f/--format FORMAT}, {@code -q/--quiet} and {@code --max-warnings N} each at most
 * once. picocli's first use (its model, its parser, its class initialisation) was about a quarter
 * of a cold lint's main thread, for a line these few words cover (docs/performance.md, "Cold
 * lint").
 *
 * <p>Anything else is left to picocli, which reads the line as it always has: help and version
 * requests, every other option, an option written attached ({@code -fjson}) or repeated, {@code
 * --}, an argument file ({@code @file}), an empty word, a value picocli would refuse. So this
 * reader never gives an answer of its own: it either builds the command exactly as picocli would,
 * or declines. QuickLintTest holds it to picocli over generated lines.
 */
final class QuickLint {
  private QuickLint() {}

  /** The lint command {@code args} ask for, its fields set as picocli sets them; or null. */
  static LintCommand parse(String[] args) {
    if (args.length < 2 || !args[0].equals(LintSpec.NAME) || picocliConfigured()) {
      return null;
    }
    LintCommand lint = new LintCommand();
    List<String> files = new ArrayList<>();
    boolean format = false;
    for (int i = 1; i < args.length; i++) {
      String word = args[i];
      if (word.isEmpty() || word.charAt(0) == '@') {
        return null;
      }
      if (word.equals("-") || word.charAt(0) != '-') {
        files.add(word);
        continue;
      }
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      boolean takesValue = name.equals("-f") || name.equals("--format");
      takesValue |= name.equals("--max-warnings");
      if (name.equals("-q") || name.equals("--quiet")) {
        if (eq >= 0 || lint.quiet) {
          return null;
        }
        lint.quiet = true;
        continue;
      }
      if (!takesValue || name.equals("-f") && eq >= 0) {
        return null; // -f=X is picocli's to read: it takes the = as part of an attached value
      }
      String value = eq >= 0 ? word.substring(eq + 1) : ++i < args.length ? args[i] : null;
      if (value == null || eq < 0 && (value.startsWith("-") || value.startsWith("@"))) {
        return null;
      }
      try {
        if (name.equals("--max-warnings")) {
          if (lint.maxWarnings != null) {
            return null;
          }
          lint.maxWarnings = OptionValues.zeroOrMore(value);
        } else {
          if (format) {
            return null;
          }
          lint.output.format = OptionValues.word(Format.class, value);
          format = true;
        }
      } catch (RuntimeException refused) {
        return null; // picocli says why
      }
    }
    if (files.isEmpty()) {
      return null;
    }
    lint.files = files;
    return lint;
  }

  /**
   * Whether a {@code picocli.*} system property is set (LBC_JAVA_OPTS can pass one): picocli reads
   * its parser settings from some of them ({@code picocli.trimQuotes} takes a quoted word without
   * its quotes, {@code picocli.trace} reports the parse on standard error), and this reader knows
   * none of them, so such a line is picocli's to read.
   */
  private static boolean picocliConfigured() {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("picocli.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code lint}; an exception it throws is answered as when picocli runs it: the line is
   * parsed by picocli then, and {@link ErrorHandlers.Execution} gets the exception with it.
   */
  static int execute(LintCommand lint, String[] args, PrintWriter out, PrintWriter err) {
    try {
      return lint.run(out, err);
    } catch (Exception e) {
      CommandLine cli = Main.commandLine(args, out, err);
      CommandLine.ParseResult parsed = cli.parseArgs(args);
      return new ErrorHandlers.Execution()
          .handleExecutionException(e, parsed.subcommand().commandSpec().commandLine(), parsed);
    }
  }
}
