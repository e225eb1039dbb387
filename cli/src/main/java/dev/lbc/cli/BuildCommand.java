package dev.lbc.cli;

import dev.lbc.backends.build.Build;
import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.RuleConfig;
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
 * {@code lbc build FILE -o DIR}: lint (with the nearest {@code .lbc.yaml}, as {@code lbc lint}),
 * then {@link Build} (plan, render every backend, write). Nothing is written if any step fails, and
 * DIR is replaced only when lbc wrote it.
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

  @Mixin OutputOptions options;

  @Mixin ClockOption clock;

  @Override
  public Integer call() throws IOException {
    Inputs.requireFile(file);
    Rules rules = Rules.load();
    // the team's .lbc.yaml, as lint reads it: a build never passes what lint refuses
    RuleConfig config = new ProjectConfig(rules.byId()).forInput(file);
    CompileResult r =
        clock.apply(new Compiler(rules, false)).with(config).compile(file, Inputs.display(file));
    if (r.hasErrors() || r.model() == null) {
      LintCommand.printText(List.of(r), spec.commandLine().getErr(), options.color());
      return Main.FINDINGS;
    }
    Build build;
    try {
      build = Build.of(file, Inputs.display(file), r.model(), r.facts());
      build.writeTo(output);
    } catch (Build.Refused e) {
      throw new Main.UsageError(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (!r.diagnostics().isEmpty()) {
      LintCommand.printText(List.of(r), spec.commandLine().getErr(), options.color());
    }
    out.println(
        "built " + build.files().size() + " files in " + Messages.printable(output.toString()));
    out.flush();
    return Main.OK;
  }
}
