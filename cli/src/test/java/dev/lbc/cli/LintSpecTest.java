package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.lbc.compiler.render.Report;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * A cold lint builds the picocli model of {@code lbc} and {@code lbc lint} in code, without reading
 * annotations (docs/performance.md, "Cold lint"). The annotated commands they replaced are kept
 * here, word for word, as the reference: every line of the table must print the same help, the same
 * errors and exit code, and parse to the same values through both.
 */
class LintSpecTest {
  static Stream<List<String>> lines() {
    return Stream.of(
            "--help",
            "-h",
            "--version",
            "-V",
            "",
            "--bogus",
            "lint --help",
            "lint -h",
            "lint --version",
            "lint -V",
            "lint",
            "lint a.yaml",
            "lint a.yaml b.lbc examples/",
            "lint -- -f",
            "lint -",
            "lint --stdin-filename deploy.yaml -",
            "lint --stdin-filename",
            "lint -f json a.yaml",
            "lint -fsarif a.yaml",
            "lint -f=junit a.yaml",
            "lint --format=GitHub a.yaml",
            "lint --format gitlab a.yaml",
            "lint --format nope a.yaml",
            "lint --format=json --format nope a.yaml",
            "lint a.yaml --format json --format text",
            "lint a.yaml -f",
            "lint -qf json a.yaml",
            "lint --color a.yaml",
            "lint --color=never a.yaml",
            "lint --color always a.yaml",
            "lint --color=sometimes a.yaml",
            "lint --color=sometimes -f json a.yaml",
            "lint --debug a.yaml",
            "lint --now 2026-12-01T00:00:00Z a.yaml",
            "lint --now yesterday a.yaml",
            "lint --max-warnings 0 a.yaml",
            "lint --max-warnings=-1 a.yaml",
            "lint --max-warnings x a.yaml",
            "lint -q a.yaml",
            "lint --quiet=maybe a.yaml",
            "lint --quiet=true a.yaml",
            "lint --quiet --report-unused-disables a.yaml",
            "lint --severity LBC202=error --severity dr-port-translation=warning a.yaml",
            "lint --severity LBC202 a.yaml",
            "lint --disable LBC206 --disable a,b a.yaml",
            "lint --disable",
            "lint --config team.lbc.yaml a.yaml",
            "lint --exclude drafts --exclude legacy/** a.yaml",
            "lint --max-diagnostics 0 a.yaml",
            "lint --max-diagnostics -3 a.yaml",
            "lint --max-diagnostics x a.yaml",
            "lint --bogus a.yaml",
            "lint --formt json a.yaml",
            "lint --max-warning 3 a.yaml",
            "lint --sevrity LBC202=error -f sarif a.yaml",
            "lint -x a.yaml",
            "lint a.yaml --help",
            "lint --help --bogus",
            "lnt a.yaml")
        .map(l -> l.isEmpty() ? List.of() : Arrays.asList(l.split(" ")));
  }

  @ParameterizedTest(name = "lbc {0}")
  @MethodSource("lines")
  void theModelBuiltInCodeAnswersAsTheAnnotatedOne(List<String> line) {
    String[] args = line.toArray(String[]::new);
    Outcome reference = parse(reference(), args);
    Outcome built = parse(Startup.commandLine(new Main(), args), args);
    assertEquals(reference, built);
  }

  @Test
  void bothModelsDescribeTheSameOptions() {
    assertEquals(
        describe(reference().getSubcommands().get("lint").getCommandSpec()),
        describe(lint().getCommandSpec()));
    assertEquals(
        describe(reference().getCommandSpec()), describe(lint().getParent().getCommandSpec()));
  }

  /** The test above compares something: a lint's model is not the annotated one. */
  @Test
  void aLintReadsNoAnnotations() {
    CommandLine lint = lint();
    List<Object> annotated = new ArrayList<>();
    for (CommandSpec spec : List.of(lint.getCommandSpec(), lint.getParent().getCommandSpec())) {
      for (ArgSpec arg : spec.args()) {
        if (arg.userObject() instanceof AnnotatedElement) {
          annotated.add(arg.userObject());
        }
      }
    }
    assertEquals(List.of(), annotated);
    assertNotEquals(0, lint.getCommandSpec().options().size());
  }

  private static CommandLine lint() {
    return Startup.commandLine(new Main(), new String[] {"lint", "a.yaml"})
        .getSubcommands()
        .get("lint");
  }

  record Outcome(int exit, String out, String err, Map<String, String> values) {}

  /** Parses (and answers help and errors as Main does) without running the command. */
  private static Outcome parse(CommandLine cli, String[] args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(new ErrorHandlers.Parameters());
    Map<String, String> values = new TreeMap<>();
    cli.setExecutionStrategy(
        result -> {
          Integer help = CommandLine.executeHelpRequest(result);
          if (help != null) {
            return help;
          }
          for (ParseResult r = result; r != null; r = r.subcommand()) {
            for (ArgSpec a : r.commandSpec().args()) {
              Object v = a.getValue();
              String name = a.isOption() ? ((OptionSpec) a).longestName() : a.paramLabel();
              values.put(r.commandSpec().qualifiedName() + " " + name, v + " " + typeOf(v));
            }
          }
          return -1;
        });
    int exit = cli.execute(args);
    return new Outcome(exit, out.toString(), err.toString(), values);
  }

  private static String typeOf(Object v) {
    return v == null ? "" : v.getClass().getName();
  }

  /** What picocli knows of each option and parameter, beyond what help prints. */
  private static Map<String, String> describe(CommandSpec spec) {
    Map<String, String> all = new TreeMap<>();
    for (ArgSpec a : spec.args()) {
      String name = a.isOption() ? String.join(",", ((OptionSpec) a).names()) : a.paramLabel();
      StringBuilder s = new StringBuilder();
      s.append(" arity=").append(a.arity()).append(" label=").append(a.paramLabel());
      s.append(" type=").append(a.type()).append(Arrays.toString(a.auxiliaryTypes()));
      s.append(" default=").append(a.defaultValue()).append(" initial=").append(a.initialValue());
      s.append(" required=").append(a.required()).append(" hidden=").append(a.hidden());
      s.append(" split=").append(a.splitRegex()).append(" show=").append(a.showDefaultValue());
      s.append(" desc=").append(Arrays.toString(a.description()));
      s.append(" scope=").append(a.scopeType()).append(" inherited=").append(a.inherited());
      List<String> candidates = new ArrayList<>();
      if (a.completionCandidates() != null) {
        a.completionCandidates().forEach(candidates::add);
      }
      s.append(" candidates=").append(candidates);
      if (a instanceof OptionSpec o) {
        s.append(" fallback=").append(o.fallbackValue()).append(" order=").append(o.order());
        s.append(" usageHelp=").append(o.usageHelp()).append(" version=").append(o.versionHelp());
        s.append(" negatable=").append(o.negatable()).append(" help=").append(o.help());
      }
      all.put(name, s.toString());
    }
    all.put("(mixins)", spec.mixins().keySet().toString());
    all.put("(name)", spec.qualifiedName() + " " + spec.mixinStandardHelpOptions());
    Object provider = spec.versionProvider() == null ? null : spec.versionProvider().getClass();
    all.put("(version)", Arrays.toString(spec.version()) + " " + provider);
    return all;
  }

  /** lbc and every command, with lint as it was declared. */
  private static CommandLine reference() {
    CommandLine cli = new CommandLine(new RootReference());
    cli.addSubcommand(new LintReference());
    for (Class<?> c : Startup.COMMANDS) {
      cli.addSubcommand(c);
    }
    return cli;
  }

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
  static final class RootReference implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
  }

  @Command(
      name = "lint",
      mixinStandardHelpOptions = true,
      description =
          "Check deployment files (YAML or DSL) and report every finding. A folder is searched for"
              + " *.lbc, *.lbc.yaml and YAML files whose first key is `lbc:`, skipping hidden and"
              + " tool folders (node_modules, target, vendor).",
      footerHeading = "%nExamples:%n",
      footer = {
        "  lbc lint examples/",
        "  lbc lint 'deployments/**.yaml' --max-warnings 0",
        "  lbc lint --format github deploy.yaml      annotations on a pull request",
        "  lbc lint --severity LBC202=error --disable dr-port-translation deploy.yaml",
        "  git show HEAD:deploy.yaml | lbc lint --stdin-filename deploy.yaml -",
        "",
        "A .lbc.yaml project file in the input's folder or above sets the same for a team:",
        "  severity: { LBC202: error }",
        "  disable: [LBC206]"
      })
  static final class LintReference implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        arity = "1..*",
        paramLabel = "FILE",
        description = "Files, directories, globs, or - for standard input.")
    List<String> files;

    @Mixin FormatOption output;

    @Mixin OutputOptions terminal;

    @Mixin ClockOption clock;

    @Option(
        names = "--max-warnings",
        paramLabel = "N",
        converter = OptionValues.ZeroOrMore.class,
        description = "Fail (exit 1) when there are more than N warnings.")
    Integer maxWarnings;

    @Option(
        names = {"-q", "--quiet"},
        description = "Report errors only; no warnings, no summary.")
    boolean quiet;

    @Option(
        names = "--report-unused-disables",
        description = "Report `# lbc-disable` comments that suppress nothing (LBC010).")
    boolean reportUnusedDisables;

    @Mixin RuleOptions rules;

    @Mixin InputOptions inputs;

    @Option(
        names = "--max-diagnostics",
        paramLabel = "N",
        defaultValue = "" + Report.DEFAULT_LIMIT,
        description =
            "Show at most N diagnostics per file, in every format, and say how many more there"
                + " were; 0 shows all (default: ${DEFAULT-VALUE}). Counts and the exit code take"
                + " every finding.")
    int maxDiagnostics = Report.DEFAULT_LIMIT;

    @Override
    public Integer call() {
      throw new AssertionError("the reference only parses");
    }
  }
}
