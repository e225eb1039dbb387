package dev.lbc.cli;

import dev.lbc.compiler.render.Report;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The picocli model of {@code lbc lint}, built in code: read from annotations it was a third of a
 * cold lint's main thread (annotation parsing, a proxy class per annotation type that no JDK 17
 * archive holds, a reflective wrapper per field; docs/performance.md, "Cold lint"). LintSpecTest
 * holds it to the annotated command it replaced: the same help, errors and parsed values.
 */
final class LintSpec {
  private LintSpec() {}

  static final String NAME = "lint";

  /** The model of {@code lint}, bound to its fields and its mixins' fields. */
  static CommandSpec of(LintCommand lint) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(lint).name(NAME);
    lint.spec = spec;
    spec.usageMessage()
        .description(
            "Check deployment files (YAML or DSL) and report every finding. A folder is searched"
                + " for *.lbc, *.lbc.yaml and YAML files whose first key is `lbc:`, skipping hidden"
                + " and tool folders (node_modules, target, vendor).")
        .footerHeading("%nExamples:%n")
        .footer(
            "  lbc lint examples/",
            "  lbc lint 'deployments/**.yaml' --max-warnings 0",
            "  lbc lint --format github deploy.yaml      annotations on a pull request",
            "  lbc lint --severity LBC202=error --disable dr-port-translation deploy.yaml",
            "  git show HEAD:deploy.yaml | lbc lint --stdin-filename deploy.yaml -",
            "",
            "A .lbc.yaml project file in the input's folder or above sets the same for a team:",
            "  severity: { LBC202: error }",
            "  disable: [LBC206]");
    spec.addPositional(
        Binding.positional(() -> lint.files, f -> lint.files = f, List.class)
            .auxiliaryTypes(String.class)
            .arity("1..*")
            .required(true) // as picocli infers for an annotated parameter of arity 1 or more
            .paramLabel("FILE")
            .description("Files, directories, globs, or - for standard input.")
            .build());
    // in the order the annotated command declared them, mixins where their fields stood
    spec.addMixin("output", lint.output.spec());
    spec.addMixin("terminal", lint.terminal.spec());
    spec.addMixin("clock", lint.clock.spec());
    spec.addOption(
        Binding.option(
                () -> lint.maxWarnings, n -> lint.maxWarnings = n, Integer.class, "--max-warnings")
            .paramLabel("N")
            .converters(new OptionValues.ZeroOrMore())
            .description("Fail (exit 1) when there are more than N warnings.")
            .build());
    spec.addOption(
        Binding.option(() -> lint.quiet, q -> lint.quiet = q, boolean.class, "-q", "--quiet")
            .paramLabel("<quiet>")
            .description("Report errors only; no warnings, no summary.")
            .build());
    spec.addOption(
        Binding.option(
                () -> lint.reportUnusedDisables,
                r -> lint.reportUnusedDisables = r,
                boolean.class,
                "--report-unused-disables")
            .paramLabel("<reportUnusedDisables>")
            .description("Report `# lbc-disable` comments that suppress nothing (LBC010).")
            .build());
    spec.addMixin("rules", lint.rules.spec());
    spec.addMixin("inputs", lint.inputs.spec());
    spec.addOption(
        Binding.option(
                () -> lint.maxDiagnostics,
                n -> lint.maxDiagnostics = n,
                int.class,
                "--max-diagnostics")
            .paramLabel("N")
            .defaultValue("" + Report.DEFAULT_LIMIT)
            .description(
                "Show at most N diagnostics per file, in every format, and say how many more there"
                    + " were; 0 shows all (default: ${DEFAULT-VALUE}). Counts and the exit code"
                    + " take every finding.")
            .build());
    spec.addMixin(RootSpec.STANDARD_HELP, RootSpec.standardHelp());
    return spec;
  }
}
