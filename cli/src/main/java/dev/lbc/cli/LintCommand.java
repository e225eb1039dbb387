package dev.lbc.cli;

import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.render.Format;
import dev.lbc.compiler.render.Report;
import dev.lbc.compiler.render.TextRenderer;
import dev.lbc.compiler.spi.Rules;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lbc lint FILE...}: check deployments and report every finding. */
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
final class LintCommand implements Callable<Integer> {
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
    if (maxDiagnostics < 0) {
      throw new Main.UsageError("--max-diagnostics is 0 (all) or more, not " + maxDiagnostics);
    }
    Rules catalogue = Rules.load();
    Compiler compiler = clock.apply(new Compiler(catalogue, reportUnusedDisables));
    LintRun.Outcome outcome =
        LintRun.lint(
            compiler,
            rules.forInputs(catalogue),
            Inputs.expand(files, inputs.exclude),
            inputs.stdinFilename,
            System.in);
    boolean text = output.format == Format.TEXT;
    List<CompileResult> results = new ArrayList<>();
    for (CompileResult r : outcome.results()) {
      results.add(quiet ? r.errorsOnly() : r);
    }
    // a missing input is a line on stderr, as every usage error; a report format carries it too
    List<Report.Problem> problems = new ArrayList<>();
    for (Inputs.Problem problem : text ? List.<Inputs.Problem>of() : outcome.problems()) {
      problems.add(new Report.Problem(problem.input(), problem.sentence()));
    }
    Report all =
        new Report(
            results, catalogue.descriptors(), Main.version(), maxDiagnostics, problems, false);
    // JUnit fails a warning's test case only when the warnings fail the run
    Report report =
        all.withWarningsFailing(maxWarnings != null && all.count(Severity.WARNING) > maxWarnings);
    PrintWriter out = spec.commandLine().getOut();
    out.print(output.render(report, terminal.color()));
    long errors = report.count(Severity.ERROR);
    long warnings = report.count(Severity.WARNING);
    if (text && !quiet) {
      out.println(LintRun.summary(outcome.results().size(), errors, warnings));
    }
    out.flush();
    for (Inputs.Problem problem : outcome.problems()) {
      spec.commandLine().getErr().println("lbc: " + Messages.printable(problem.sentence()));
    }
    if (!outcome.problems().isEmpty()) {
      return Main.USAGE; // an input named nothing: not a clean run, whatever the others say
    }
    if (errors > 0) {
      return Main.FINDINGS;
    }
    if (maxWarnings != null && warnings > maxWarnings) {
      if (output.format == Format.TEXT) {
        out.println("lbc: " + warnings + " warnings exceed --max-warnings " + maxWarnings);
      }
      return Main.FINDINGS;
    }
    return Main.OK;
  }

  /** Renders results as text, for commands that print diagnostics before failing. */
  static void printText(List<CompileResult> results, PrintWriter err, boolean color) {
    Report report = new Report(results, List.of(), Main.version());
    err.print(new TextRenderer(color).render(report));
    err.flush();
  }
}
