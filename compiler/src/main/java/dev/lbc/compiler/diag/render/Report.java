package dev.lbc.compiler.diag.render;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.CompileResult;
import java.util.List;

/**
 * What a renderer needs: the results of every file checked, the rule catalogue (for SARIF rule
 * metadata) and the tool version.
 */
public record Report(List<CompileResult> results, List<RuleDescriptor> rules, String version) {
  public Report {
    results = List.copyOf(results);
    rules = List.copyOf(rules);
  }

  public long count(Severity severity) {
    return results.stream()
        .flatMap(r -> r.diagnostics().stream())
        .filter(d -> d.severity() == severity)
        .count();
  }

  public List<Diagnostic> all() {
    return results.stream().flatMap(r -> r.diagnostics().stream()).toList();
  }
}
