package dev.lbc.cli;

import dev.lbc.backends.build.Build;
import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.render.Format;
import dev.lbc.compiler.render.Report;
import dev.lbc.compiler.spi.Rules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lbc build FILE -o DIR}: lint ({@link LintRun}, with the same settings and formats as
 * {@code lbc lint}), then {@link Build} (plan, render every backend, write). Nothing is written if
 * any step fails, and DIR is replaced only when lbc wrote it.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description =
        "Compile a deployment into configs and scripts (docs/contract.md, \"Build output\").",
    footer = {"%nExample:%n  lbc build examples/exchange2016-layer7-snat.yaml -o build/"})
final class BuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A .yaml, .yml or .lbc deployment.")
  Path file;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description =
          "The build folder: created, used if empty, or replaced if it holds an earlier lbc"
              + " build that nobody changed.")
  Path output;

  @Mixin RuleOptions rules;

  @Mixin FormatOption format;

  @Mixin OutputOptions options;

  @Mixin ClockOption clock;

  @Override
  public Integer call() throws IOException {
    Inputs.requireFile(file);
    Rules catalogue = Rules.load();
    // lint's own path and settings: a build never passes what lint refuses
    Compiler compiler = clock.apply(new Compiler(catalogue, false));
    Inputs.Expansion input = new Inputs.Expansion(List.of(file), List.of());
    CompileResult r =
        LintRun.lint(compiler, rules.forInputs(catalogue), input, null, null).results().get(0);
    Report report = new Report(List.of(r), catalogue.descriptors(), Main.version());
    boolean text = format.format == Format.TEXT;
    // text diagnostics go to stderr beside the build's line; a machine format owns stdout
    PrintWriter diagnostics = text ? spec.commandLine().getErr() : spec.commandLine().getOut();
    PrintWriter log = text ? spec.commandLine().getOut() : spec.commandLine().getErr();
    if (!text || !r.diagnostics().isEmpty()) {
      diagnostics.print(format.render(report, options.color()));
      diagnostics.flush();
    }
    if (r.hasErrors() || r.model() == null) {
      return Main.FINDINGS;
    }
    Build build;
    try {
      build = Build.of(file, Inputs.display(file), r.model(), r.facts());
      build.writeTo(output);
    } catch (Build.Refused e) {
      throw new Main.UsageError(e.getMessage());
    }
    log.println(
        "built " + build.files().size() + " files in " + Messages.printable(output.toString()));
    log.flush();
    return Main.OK;
  }
}
