package dev.lbc.cli;

import dev.lbc.backends.build.Build;
import dev.lbc.backends.diff.DeploymentDiff;
import dev.lbc.backends.diff.DeploymentDiff.Side;
import dev.lbc.backends.diff.DiffReport;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.spi.Rules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lbc diff OLD NEW} or {@code lbc diff --git REV FILE}: compile both, then {@link
 * DeploymentDiff} compares their plans, builds and findings. Exit 0 when nothing changes, 1 when
 * something does, 2 when a side cannot be read or compiled, as {@code git diff --exit-code}.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description =
        "Show what a change to a deployment does: model changes, impact per appliance and"
            + " server, generated files, findings introduced or fixed.",
    footer = {
      "%nExamples:",
      "  lbc diff old.yaml new.yaml",
      "  lbc diff --git origin/main deploy.yaml --format markdown",
      "%nExit codes: 0 no change, 1 changes, 2 an input cannot be read or has errors."
    })
final class DiffCommand implements Callable<Integer> {
  /** The report's formats. */
  enum Style {
    TEXT,
    MARKDOWN,
    JSON
  }

  /** Case-insensitive, as lint's {@code --format}. */
  static final class StyleValue implements ITypeConverter<Style> {
    @Override
    public Style convert(String value) {
      return OptionValues.word(Style.class, value);
    }
  }

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..2",
      paramLabel = "FILE",
      description = "OLD NEW, or with --git the one FILE to compare with its committed version.")
  List<Path> files;

  @Option(names = "--git", paramLabel = "REV", description = "Compare FILE with it at REV.")
  String rev;

  @Option(names = "--files", description = "Show the unified diff of every generated file.")
  boolean withFiles;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      converter = StyleValue.class,
      description = "text (default), markdown (a pull-request comment) or json.")
  Style format = Style.TEXT;

  @Option(names = "--debug", description = "Show stack traces of internal errors.")
  boolean debug;

  @Mixin RuleOptions rules;

  @Mixin ClockOption clock;

  @Override
  public Integer call() throws IOException {
    if (files.size() != (rev == null ? 2 : 1)) {
      throw new Main.UsageError(
          rev == null ? "give OLD and NEW, or --git REV FILE" : "with --git, give one FILE");
    }
    Path newFile = Inputs.requireFile(files.get(files.size() - 1));
    Rules catalogue = Rules.load();
    // both sides under the settings lint would use for the file today, so that only the change
    // to the deployment shows as findings introduced or fixed
    Compiler compiler =
        clock.apply(new Compiler(catalogue, false)).with(rules.forInputs(catalogue).apply(newFile));
    Side before;
    if (rev == null) {
      before = side(compiler.compile(Inputs.requireFile(files.get(0)), display(0)), files.get(0));
    } else {
      String name = rev + ":" + Inputs.display(newFile);
      byte[] bytes = GitRevision.read(rev, newFile);
      Path folder = newFile.toAbsolutePath().getParent();
      before =
          side(
              compiler.compile(name, bytes, Syntax.of(newFile.getFileName().toString()), folder),
              newFile);
    }
    Side after = side(compiler.compile(newFile, Inputs.display(newFile)), newFile);
    DeploymentDiff d;
    try {
      d = DeploymentDiff.compare(before, after);
    } catch (Build.Refused e) {
      throw new Main.UsageError(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        switch (format) {
          case TEXT -> DiffReport.text(d, withFiles);
          case MARKDOWN -> DiffReport.markdown(d, withFiles);
          case JSON -> DiffReport.json(d, withFiles);
        });
    out.flush();
    return d.empty() ? Main.OK : Main.FINDINGS;
  }

  private String display(int i) {
    return Inputs.display(files.get(i));
  }

  /** A compiled side, or exit 2 with its errors: a plan needs a deployment without errors. */
  private Side side(CompileResult r, Path file) {
    if (r.hasErrors() || r.model() == null) {
      LintCommand.printText(List.of(r), spec.commandLine().getErr(), false);
      throw new Main.UsageError(
          "cannot diff: " + r.file().displayPath() + " has errors (run lbc lint on it)");
    }
    return new Side(r.file().displayPath(), file, r.model(), r.facts(), r.diagnostics());
  }
}
