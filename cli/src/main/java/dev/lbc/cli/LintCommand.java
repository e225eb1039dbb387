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
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lbc lint FILE...}: check deployments and report every finding. Its picocli model is built
 * in code ({@link LintSpec}), not read from annotations, for a fast start.
 */
final class LintCommand implements Callable<Integer> {
  CommandSpec spec;
  List<String> files;
  final FormatOption output = new FormatOption();
  final OutputOptions terminal = new OutputOptions();
  final ClockOption clock = new ClockOption();
  Integer maxWarnings;
  boolean quiet;
  boolean reportUnusedDisables;
  final RuleOptions rules = new RuleOptions();
  final InputOptions inputs = new InputOptions();
  int maxDiagnostics = Report.DEFAULT_LIMIT;

  @Override
  public Integer call() {
    return run(spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /**
   * Lints and reports to {@code out} and {@code err}; returns the exit code. Called by picocli
   * through {@link #call}, or directly for a line {@link QuickLint} read.
   */
  int run(PrintWriter out, PrintWriter err) {
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
    out.print(output.render(report, terminal.color()));
    long errors = report.count(Severity.ERROR);
    long warnings = report.count(Severity.WARNING);
    if (text && !quiet) {
      out.println(LintRun.summary(outcome.results().size(), errors, warnings));
    }
    out.flush();
    for (Inputs.Problem problem : outcome.problems()) {
      err.println("lbc: " + Messages.printable(problem.sentence()));
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
