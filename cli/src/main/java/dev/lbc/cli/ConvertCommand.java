package dev.lbc.cli;

import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.print.DslPrinter;
import dev.lbc.compiler.print.YamlPrinter;
import dev.lbc.compiler.spi.Rules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * {@code lbc convert FILE --to yaml|dsl}: the same model in the other syntax. Conversion goes
 * through the model, so comments are not carried over (suppression comments must be re-added).
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = "Print a deployment in the other syntax (YAML <-> DSL).",
    footer = {
      "%nExamples:%n  lbc convert deploy.yaml --to dsl > deploy.lbc",
      "  lbc convert deploy.lbc --to yaml -o deploy.yaml"
    })
final class ConvertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A .yaml, .yml or .lbc file.")
  Path file;

  @Option(names = "--to", required = true, paramLabel = "SYNTAX", description = "yaml or dsl.")
  String to;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "Write here, not stdout.")
  Path output;

  @Mixin OutputOptions options;

  @Override
  public Integer call() throws IOException {
    if (!to.equals("yaml") && !to.equals("dsl")) {
      throw new Main.UsageError("--to must be yaml or dsl, not " + to);
    }
    CompileResult r =
        new Compiler(Rules.of(List.of()), false)
            .compile(Inputs.requireFile(file), Inputs.display(file));
    if (r.hasErrors()) {
      LintCommand.printText(List.of(r), spec.commandLine().getErr(), options.color());
      return Main.FINDINGS;
    }
    String text =
        to.equals("yaml") ? YamlPrinter.print(r.model(), null) : DslPrinter.print(r.model());
    if (output != null) {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } else {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    }
    return Main.OK;
  }
}
