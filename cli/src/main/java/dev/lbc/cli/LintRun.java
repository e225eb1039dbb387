package dev.lbc.cli;

import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.Limits;
import dev.lbc.compiler.pipeline.RuleConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The lint of {@code lbc lint} and {@code lbc build}: every input with its rule settings in one
 * compile run (rules about what the files share, LBC117, see them all), and the arguments that
 * named no file kept aside, so that the other files are still linted and each format reports them
 * as problems of the run.
 */
final class LintRun {
  private LintRun() {}

  /** The results, in input order, and the arguments that named no file. */
  record Outcome(List<CompileResult> results, List<Inputs.Problem> problems) {}

  /**
   * Lints {@code inputs}. Standard input ({@link Inputs#STDIN}) is read from {@code stdin}, at most
   * the file limit, and named {@code stdinName} (null: {@code <stdin>}, syntax sniffed).
   */
  static Outcome lint(
      Compiler compiler,
      Function<Path, RuleConfig> config,
      Inputs.Expansion inputs,
      String stdinName,
      InputStream stdin) {
    if (stdinName != null && !inputs.files().contains(Inputs.STDIN)) {
      throw new Main.UsageError("--stdin-filename names standard input, but no FILE is `-`");
    }
    List<Compiler.Input> run = new ArrayList<>();
    for (Path p : inputs.files()) {
      run.add(
          p == Inputs.STDIN
              ? fromStdin(config, stdinName, stdin)
              : new Compiler.Input(p, Inputs.display(p), config.apply(p)));
    }
    return new Outcome(compiler.compileRun(run), inputs.problems());
  }

  /**
   * Standard input as a file named {@code name} in the current folder: the project file and the
   * paths inside the deployment are found from there.
   */
  private static Compiler.Input fromStdin(
      Function<Path, RuleConfig> config, String name, InputStream stdin) {
    byte[] bytes;
    try {
      bytes = stdin.readNBytes(Limits.MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path as = Path.of(name == null ? "stdin" : name).toAbsolutePath();
    String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8);
    return Compiler.Input.of(
        name == null ? "<stdin>" : name,
        bytes,
        LbcFiles.stdinSyntax(name, head),
        as.getParent(),
        config.apply(as));
  }

  /** The closing line of a text report. */
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
}
