package dev.lbc.cli;

import dev.lbc.compiler.diag.Diagnostics;
import dev.lbc.compiler.dsl.DslFormatter;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lbc fmt FILE...}: rewrite DSL files in the canonical layout, or check with --check. */
@Command(
    name = "fmt",
    mixinStandardHelpOptions = true,
    description = "Format .lbc files in place (comments kept); --check only reports.",
    footer = {"%nExamples:%n  lbc fmt examples/", "  lbc fmt --check deploy.lbc   (in CI)"})
final class FmtCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "DSL files or directories.")
  List<String> files;

  @Option(names = "--check", description = "Change nothing; exit 1 if a file is not formatted.")
  boolean check;

  @Mixin OutputOptions options;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    int status = Main.OK;
    for (Path p : Inputs.expand(files)) {
      if (Syntax.of(p.getFileName().toString()) != Syntax.DSL) {
        continue; // fmt formats the DSL; YAML files found in a directory are left alone
      }
      String display = Inputs.display(p);
      if (Files.size(p) > dev.lbc.compiler.pipeline.Limits.MAX_FILE_BYTES) {
        throw new Main.UsageError(display + ": larger than 1 MiB");
      }
      String text = Files.readString(p, StandardCharsets.UTF_8);
      SourceFile file = new SourceFile(display, text);
      Diagnostics diagnostics = new Diagnostics();
      String formatted = DslFormatter.format(file, diagnostics);
      if (formatted == null) {
        LintCommand.printText(
            List.of(new CompileResult(file, null, diagnostics.sorted())),
            spec.commandLine().getErr(),
            options.color());
        status = Main.FINDINGS;
        continue;
      }
      if (formatted.equals(text)) {
        continue;
      }
      if (check) {
        out.println(display + ": not formatted (run `lbc fmt " + display + "`)");
        status = Main.FINDINGS;
      } else {
        Files.writeString(p, formatted, StandardCharsets.UTF_8);
        out.println("formatted " + display);
      }
    }
    out.flush();
    return status;
  }
}
