package dev.lbc.cli;

import dev.lbc.compiler.cert.CertificateReader;
import dev.lbc.compiler.dsl.DslReader;
import dev.lbc.compiler.schema.SchemaValidator;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.Rules;
import dev.lbc.compiler.yaml.YamlReader;
import dev.lbc.validators.PreparedRules;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * What {@code lbc} does before it parses a command line, so that a short command starts fast
 * (docs/performance.md, "Cold lint"): it registers only the command named and loads the schema and
 * rules beside the parsing.
 */
final class Startup {
  private Startup() {}

  /**
   * The annotated subcommands, in the order help lists them, after {@code lint} ({@link LintSpec}).
   */
  static final List<Class<?>> COMMANDS =
      List.of(
          BuildCommand.class,
          DiffCommand.class,
          RunCommand.class,
          ConvertCommand.class,
          FmtCommand.class,
          InitCommand.class,
          ExplainCommand.class,
          RulesCommand.class,
          SchemaCommand.class,
          CommandLine.HelpCommand.class);

  /** Starts loading what the command named by {@code args} will need, if it compiles. */
  static void prepareFor(String[] args) {
    // the rules written out, not looked up in the services file: that opened the jar (8,000
    // entries)
    Rules.registry(new WrittenOutRules());
    if (args.length > 0 && COMPILING.contains(args[0])) {
      prepareInBackground(mayReadDsl(args));
    }
  }

  /** The commands that compile deployments, so load the schema and the rules. */
  private static final Set<String> COMPILING = Set.of("lint", "build", "diff", "convert", "run");

  /**
   * Loads the schema and the rules on a second core while picocli reads the command line: together
   * they are most of what a cold lint spends before it reads the file (docs/performance.md). Class
   * initialisation is thread-safe, so the command waits for what is not ready yet. A failure here
   * is left for the command to meet and report.
   */
  private static void prepareInBackground(boolean dsl) {
    Thread t = new Thread(new Preparation(dsl), "lbc-prepare");
    t.setDaemon(true);
    t.start();
  }

  /*
   * The two below are classes, not a lambda and a method reference: the first call site a JVM
   * links spins the JDK's lambda machinery (a LambdaForm compiled to bytecode, ASM loaded), and here
   * that was on the main thread before anything else, about 2 ms of every cold lint
   * (docs/performance.md, "Cold lint", round 5). Linked later, on the preparing thread, it overlaps
   * the main thread's reading.
   */

  /** The rules, from the list written out ({@link PreparedRules}). */
  private static final class WrittenOutRules implements Supplier<List<LintRule>> {
    @Override
    public List<LintRule> get() {
      return PreparedRules.all();
    }
  }

  /**
   * Whether the command may read a DSL file: an argument that is neither an option nor a YAML file
   * (a {@code .lbc} file, a folder, a glob). Only then is the DSL parser's start paid for.
   */
  static boolean mayReadDsl(String[] args) {
    for (int i = 1; i < args.length; i++) {
      String a = args[i].toLowerCase(Locale.ROOT);
      if (!a.startsWith("-") && !a.endsWith(".yaml") && !a.endsWith(".yml")) {
        return true;
      }
    }
    return false;
  }

  /** What the preparing thread loads, in the order a lint meets it. */
  private static final class Preparation implements Runnable {
    private final boolean dsl;

    Preparation(boolean dsl) {
      this.dsl = dsl;
    }

    @Override
    public void run() {
      try {
        if (dsl) {
          // a folder's files are read in name order, and x.lbc comes before x.yaml
          DslReader.prepare();
        }
        SchemaValidator.prepare();
        YamlReader.prepare();
        CertificateReader.prepare();
        Rules.load().ready();
      } catch (RuntimeException | LinkageError e) {
        // the command loads both again and reports what goes wrong
      }
    }
  }

  /**
   * The command line for {@code args}. When the first word names a command, only that command is
   * registered: the rest of the line can only reach it, and picocli reflects over every registered
   * command's options, which was a third of a cold {@code lbc lint} and loaded the build and run
   * commands' classes for nothing. Anything else (help, --version, a mistyped command) gets them
   * all. {@code lbc} and {@code lint} are modelled in code, so a lint reads no annotation at all.
   */
  static CommandLine commandLine(Main main, String[] args) {
    CommandLine cli = new CommandLine(RootSpec.of(main));
    String first = args.length > 0 ? args[0] : "";
    if (first.equals(LintSpec.NAME)) {
      return cli.addSubcommand(LintSpec.of(new LintCommand()));
    }
    List<Class<?>> named =
        COMMANDS.stream()
            // help names another command after it, so it needs them all
            .filter(c -> c != CommandLine.HelpCommand.class)
            .filter(c -> c.getAnnotation(Command.class).name().equals(first))
            .toList();
    if (named.isEmpty()) {
      cli.addSubcommand(LintSpec.of(new LintCommand()));
    }
    for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
      cli.addSubcommand(command);
    }
    return cli;
  }
}
