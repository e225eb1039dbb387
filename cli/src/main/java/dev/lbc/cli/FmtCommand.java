package dev.lbc.cli;

import dev.lbc.backends.diff.UnifiedDiff;
import dev.lbc.compiler.catalog.LanguageRules;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Diagnostics;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.dsl.DslFormatter;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Limits;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.source.SourceText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lbc fmt FILE...}: rewrite DSL files in the canonical layout, or check with --check; {@code
 * -} is a filter from standard input to standard output.
 */
@Command(
    name = "fmt",
    mixinStandardHelpOptions = true,
    description =
        "Format DSL (.lbc) files in place (comments kept); --check only shows the diff. A YAML"
            + " file named here is a usage error; YAML found in a folder is left alone. FILE -"
            + " formats standard input to standard output.",
    footer = {"%nExamples:%n  lbc fmt examples/", "  lbc fmt --check deploy.lbc   (in CI)"})
final class FmtCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "DSL files, directories, or - for standard input.")
  List<String> files;

  @Option(
      names = "--check",
      description = "Change nothing; print a unified diff of what fmt would change, and exit 1.")
  boolean check;

  @Mixin OutputOptions options;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    int status = Main.OK;
    for (String arg : files) {
      Path named = Path.of(arg);
      if (Files.isRegularFile(named) && !isDsl(named)) {
        throw new Main.UsageError(
            arg
                + ": lbc fmt formats the DSL (.lbc) only; a YAML deployment is left as written"
                + " (`lbc convert "
                + arg
                + " --to dsl` gives its DSL)");
      }
    }
    for (Path p : Inputs.expand(files)) {
      boolean stdin = p.equals(Inputs.STDIN);
      if (!stdin && !isDsl(p)) {
        continue; // YAML deployments found in a folder are left alone
      }
      String display = stdin ? "<stdin>" : Inputs.display(p);
      byte[] bytes = stdin ? readStdin() : Inputs.read(p, Limits.MAX_FILE_BYTES);
      if (bytes.length > Limits.MAX_FILE_BYTES) {
        throw new Main.UsageError(display + ": larger than 1 MiB");
      }
      Diagnostics diagnostics = new Diagnostics();
      SourceText source;
      String formatted;
      try {
        source = SourceText.decode(display, bytes);
        formatted = DslFormatter.format(source, diagnostics);
      } catch (SourceText.NotText e) {
        SourceFile empty = new SourceFile(display, "");
        diagnostics.report(
            Diagnostic.of(
                LanguageRules.SYNTAX.id(), Severity.ERROR, empty.start(), e.getMessage()));
        source = new SourceText(empty, false, "\n");
        formatted = null;
      }
      if (formatted == null) {
        LintCommand.printText(
            List.of(new CompileResult(source.file(), null, diagnostics.sorted())),
            spec.commandLine().getErr(),
            options.color());
        status = Main.FINDINGS;
        continue;
      }
      byte[] result = formatted.getBytes(StandardCharsets.UTF_8);
      if (stdin && !check) {
        out.print(formatted); // a filter: the whole text, changed or not
        continue;
      }
      if (Arrays.equals(result, bytes)) {
        continue;
      }
      if (check) {
        out.print(
            UnifiedDiff.of(
                display,
                new String(bytes, StandardCharsets.UTF_8),
                new String(result, StandardCharsets.UTF_8)));
        spec.commandLine().getErr().println("lbc: " + display + ": not formatted (run `lbc fmt`)");
        status = Main.FINDINGS;
      } else {
        Files.write(p, result);
        out.println("formatted " + display);
      }
    }
    out.flush();
    return status;
  }

  /** Standard input (FILE {@code -}), bounded like a file: one byte over the limit says so. */
  private static byte[] readStdin() throws IOException {
    return System.in.readNBytes(Limits.MAX_FILE_BYTES + 1);
  }

  private static boolean isDsl(Path p) {
    return Syntax.of(p.getFileName().toString()) == Syntax.DSL;
  }
}
