package dev.lbc.cli;

import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.schema.SchemaValidator;
import dev.lbc.compiler.spi.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lbc} command. Exit codes (DESIGN.md §5a): 0 no errors, 1 errors in the input, 2 usage
 * error or unreadable input, 3 internal failure (a bug in lbc, reported as such in one line).
 */
@Command(
    name = "lbc",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Compile and lint load-balanced Microsoft Exchange deployments.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lbc lint examples/                      lint every deployment under examples/",
      "  lbc build deploy.yaml -o build/          HAProxy and the other configs, in build/",
      "  lbc diff --git origin/main deploy.yaml  what a change does, for a pull request",
      "  lbc lint --format sarif deploy.yaml     SARIF for GitHub code scanning",
      "  lbc convert deploy.yaml --to dsl        the same deployment in the DSL",
      "  lbc fmt --check deploy.lbc              fail if the DSL file is not formatted",
      "  lbc explain LBC101                      why a rule exists and how to fix it",
      "",
      "Exit codes: 0 ok, 1 errors found, 2 usage or unreadable input, 3 internal error."
    })
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FINDINGS = 1;
  public static final int USAGE = 2;
  public static final int INTERNAL = 3;
  static final String REPORT_URL = "https://github.com/lbc-dev/lbc/issues";

  /** The subcommands, in the order help lists them. */
  static final List<Class<?>> COMMANDS =
      List.of(
          LintCommand.class,
          BuildCommand.class,
          DiffCommand.class,
          RunCommand.class,
          ConvertCommand.class,
          FmtCommand.class,
          InitCommand.class,
          ExplainCommand.class,
          RulesCommand.class,
          CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    // SARIF, JSON and JUnit XML are UTF-8 by definition and diagnostics quote UTF-8 sources, so
    // the output is UTF-8 whatever the platform's default (ASCII under LANG=C on JDK 17).
    if (args.length > 0 && COMPILING.contains(args[0])) {
      prepareInBackground();
    }
    System.exit(run(args, utf8(System.out), utf8(System.err)));
  }

  /** The commands that compile deployments, so load the schema and the rules. */
  private static final Set<String> COMPILING = Set.of("lint", "build", "diff", "convert", "run");

  /**
   * Loads the schema and the rules on a second core while picocli reads the command line: together
   * they are most of what a cold lint spends before it reads the file (docs/performance.md). Class
   * initialisation is thread-safe, so the command waits for what is not ready yet. A failure here
   * is left for the command to meet and report.
   */
  private static void prepareInBackground() {
    Thread t =
        new Thread(
            () -> {
              try {
                SchemaValidator.prepare();
                Rules.load();
              } catch (RuntimeException | LinkageError e) {
                // the command loads both again and reports what goes wrong
              }
            },
            "lbc-prepare");
    t.setDaemon(true);
    t.start();
  }

  private static PrintWriter utf8(OutputStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  /** Runs the command line; returns the exit code. Used by main and by tests. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine(args);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (e, params) -> {
          CommandLine c = e.getCommandLine();
          c.getErr().println("lbc: " + Messages.printable(e.getMessage()));
          c.getErr().println("Try `" + c.getCommandSpec().qualifiedName() + " --help`.");
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof Compiler.UnreadableInput || e instanceof UsageError) {
            commandLine.getErr().println("lbc: " + Messages.printable(e.getMessage()));
            return USAGE;
          }
          if (FileProblem.of(e) != null) {
            commandLine.getErr().println("lbc: " + Messages.printable(FileProblem.of(e)));
            return USAGE;
          }
          boolean debug = parseResult.originalArgs().contains("--debug");
          commandLine
              .getErr()
              .println(
                  "lbc: internal error: "
                      + Messages.printable(e.toString())
                      + " (this is a bug in lbc, not in your input; please report it at "
                      + REPORT_URL
                      + " with the command line"
                      + (debug ? ")" : " and the output of --debug)"));
          if (debug) {
            e.printStackTrace(commandLine.getErr());
          }
          return INTERNAL;
        });
    try {
      return cli.execute(args);
    } catch (StackOverflowError | OutOfMemoryError e) {
      err.println(
          "lbc: internal error: "
              + e.getClass().getSimpleName()
              + " (this is a bug in lbc; please report it at "
              + REPORT_URL
              + ")");
      return INTERNAL;
    }
  }

  /**
   * The command line for {@code args}. When the first word names a command, only that command is
   * registered: the rest of the line can only reach it, and picocli reflects over every registered
   * command's options, which was a third of a cold {@code lbc lint} and loaded the build and run
   * commands' classes for nothing. Anything else (help, --version, a mistyped command) gets them
   * all.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cli = new CommandLine(new Main());
    String first = args.length > 0 ? args[0] : "";
    List<Class<?>> named =
        COMMANDS.stream()
            // help names another command after it, so it needs them all
            .filter(c -> c != CommandLine.HelpCommand.class)
            .filter(c -> c.getAnnotation(Command.class).name().equals(first))
            .toList();
    for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
      cli.addSubcommand(command);
    }
    return cli;
  }

  /** A usage problem found while running (exit 2), such as a file that does not exist. */
  static final class UsageError extends RuntimeException {
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
