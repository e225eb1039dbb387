package dev.lbc.compiler.pipeline;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.spi.Facts;
import java.util.List;

/**
 * What compiling one file gave: its source (null if unreadable), the model (null if a stage before
 * the rules failed), every diagnostic, sorted, and the facts the rules read (null when they did not
 * run): the build takes its certificates from there rather than reading them again.
 */
public record CompileResult(
    SourceFile file, Deployment model, List<Diagnostic> diagnostics, Facts facts) {
  public CompileResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public CompileResult(SourceFile file, Deployment model, List<Diagnostic> diagnostics) {
    this(file, model, diagnostics, null);
  }

  /** The same result with only its errors ({@code lint --quiet}). */
  public CompileResult errorsOnly() {
    return new CompileResult(
        file,
        model,
        diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList(),
        facts);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
