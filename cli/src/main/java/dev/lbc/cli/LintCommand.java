package dev.lbc.cli;

import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.RuleConfig;
import dev.lbc.compiler.render.Format;
import dev.lbc.compiler.render.Report;
import dev.lbc.compiler.render.TextRenderer;
import dev.lbc.compiler.spi.Rules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    description = "Check deployment files (YAML or DSL) and report every finding.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lbc lint examples/",
      "  lbc lint 'deployments/**.yaml' --max-warnings 0",
      "  lbc lint --format github deploy.yaml      annotations on a pull request",
      "  lbc lint --severity LBC202=error --disable LBC206 deploy.yaml",
      "",
      "A .lbc.yaml project file in the input's folder or above sets the same for a team:",
      "  severity: { LBC202: error }",
      "  disable: [LBC206]"
    })
final class LintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files, directories or globs.")
  List<String> files;

  @Mixin OutputOptions output;

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

  @Option(
      names = "--severity",
      paramLabel = "ID=LEVEL",
      description = "Change a rule's severity (error, warning, info); repeatable.")
  Map<String, String> severity = new LinkedHashMap<>();

  @Option(names = "--disable", paramLabel = "ID[,ID]", description = "Turn rules off; repeatable.")
  List<String> disable = new ArrayList<>();

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
    Rules rules = Rules.load();
    ProjectConfig project = new ProjectConfig(rules.byId());
    RuleConfig options = project.fromOptions(severity, disable);
    Compiler compiler = clock.apply(new Compiler(rules, reportUnusedDisables));
    List<Compiler.Input> inputs = new ArrayList<>();
    for (Path p : Inputs.expand(files)) {
      inputs.add(
          new Compiler.Input(p, Inputs.display(p), project.forInput(p).overriddenBy(options)));
    }
    List<CompileResult> results = new ArrayList<>();
    // One run: rules about what the files share (LBC117) see every deployment at once.
    for (CompileResult r : compiler.compileRun(inputs)) {
      results.add(quiet ? r.errorsOnly() : r);
    }
    Report all = new Report(results, rules.descriptors(), Main.version(), maxDiagnostics);
    // JUnit fails a warning's test case only when the warnings fail the run
    Report report =
        all.withWarningsFailing(maxWarnings != null && all.count(Severity.WARNING) > maxWarnings);
    PrintWriter out = spec.commandLine().getOut();
    out.print(output.format.renderer(output.color()).render(report));
    long errors = report.count(Severity.ERROR);
    long warnings = report.count(Severity.WARNING);
    if (output.format == Format.TEXT && !quiet) {
      out.println(summary(results.size(), errors, warnings));
    }
    out.flush();
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

  static String summary(int files, long errors, long warnings) {
    String f = files + (files == 1 ? " file" : " files");
    if (errors == 0 && warnings == 0) {
      return f + " checked: no problems";
    }
    return f
        + " checked: "
        + errors
        + (errors == 1 ? " error, " : " errors, ")
        + warnings
        + (warnings == 1 ? " warning" : " warnings")
        + "\nFor more information about a rule, try `lbc explain <ID>`.";
  }

  /** Renders results as text, for commands that print diagnostics before failing. */
  static void printText(List<CompileResult> results, PrintWriter err, boolean color) {
    Report report = new Report(results, List.of(), Main.version());
    err.print(new TextRenderer(color).render(report));
    err.flush();
  }
}
