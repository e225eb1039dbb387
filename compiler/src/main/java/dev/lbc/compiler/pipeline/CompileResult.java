package dev.lbc.compiler.pipeline;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.source.SourceFile;
import java.util.List;

/**
 * What compiling one file gave: its source (null if unreadable), the model (null if a stage before
 * the rules failed) and every diagnostic, sorted.
 */
public record CompileResult(SourceFile file, Deployment model, List<Diagnostic> diagnostics) {
  public CompileResult {
    diagnostics = List.copyOf(diagnostics);
  }

  /** The same result with only its errors ({@code lint --quiet}). */
  public CompileResult errorsOnly() {
    return new CompileResult(
        file, model, diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList());
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
