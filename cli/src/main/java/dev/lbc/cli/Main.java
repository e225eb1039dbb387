package dev.lbc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code lbc} command; its exit codes (footer, {@link RootSpec}) are docs/contract.md, "Command
 * line".
 */
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FINDINGS = 1;
  public static final int USAGE = 2;
  public static final int INTERNAL = 3;
  static final String REPORT_URL = "https://github.com/lbc-dev/lbc/issues";

  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    // SARIF, JSON and JUnit XML are UTF-8 by definition and diagnostics quote UTF-8 sources, so
    // the output is UTF-8 whatever the platform's default (ASCII under LANG=C on JDK 17).
    Startup.prepareFor(args);
    System.exit(run(args, utf8(System.out), utf8(System.err)));
  }

  private static PrintWriter utf8(OutputStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  /** Runs the command line; returns the exit code. Used by main and by tests. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    LintCommand quick = QuickLint.parse(args);
    try {
      int code =
          quick != null
              ? QuickLint.execute(quick, args, out, err)
              : commandLine(args, out, err).execute(args);
      // a PrintWriter keeps write errors to itself: a report lost to a full disk must not pass
      out.flush();
      if (out.checkError()) {
        err.println(
            "lbc: cannot write to standard output (a full disk, or a closed pipe); what was"
                + " written is incomplete");
        return Math.max(code, USAGE);
      }
      return code;
    } catch (StackOverflowError | OutOfMemoryError | LinkageError | AssertionError e) {
      // exit 3, never a JVM stack trace and exit 1 (which a script reads as findings)
      err.println(
          "lbc: internal error: "
              + e.getClass().getSimpleName()
              + " (this is a bug in lbc; please report it at "
              + REPORT_URL
              + ")");
      return INTERNAL;
    }
  }

  /** picocli's command line for {@code args}, answering on {@code out} and {@code err}. */
  static CommandLine commandLine(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = Startup.commandLine(new Main(), args);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(new ErrorHandlers.Parameters());
    cli.setExecutionExceptionHandler(new ErrorHandlers.Execution());
    return cli;
  }

  /** A usage problem found while running (exit 2), such as a file that does not exist. */
  static class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }

  /** The version, from the build. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"lbc " + version()};
    }
  }

  static String version() {
    // from the jar's manifest, which the JVM defines the package with, from the class-data
    // archive's copy when it starts from one: reading version.properties opened the jar, and its
    // central directory of 8,000 entries, on every cold lint. Classes outside a jar (tests) have
    // no manifest, and the build's properties say it.
    String manifest = Main.class.getPackage().getImplementationVersion();
    if (manifest != null) {
      return manifest;
    }
    Properties p = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("/dev/lbc/cli/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }
}
