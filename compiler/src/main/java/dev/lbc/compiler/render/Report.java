package dev.lbc.compiler.render;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.CompileResult;
import java.util.List;

/**
 * What a renderer needs: the results of every file checked, the rule catalogue (for SARIF rule
 * metadata), the tool version, and how many diagnostics of each file to show.
 *
 * <p>Every format shows at most {@code limit} diagnostics per file (the first, in position order)
 * and says how many more there were; counts and the exit code still take every diagnostic. lbc
 * lints untrusted pull requests: a 1 MiB file can hold 100,000 findings, and no reader, CI log or
 * SARIF upload (GitHub keeps 5,000 results of a run) is served by printing all of them.
 *
 * @param limit diagnostics shown per file; 0 shows all
 */
public record Report(
    List<CompileResult> results, List<RuleDescriptor> rules, String version, int limit) {
  /** The default of {@code --max-diagnostics}. */
  public static final int DEFAULT_LIMIT = 200;

  public Report {
    results = List.copyOf(results);
    rules = List.copyOf(rules);
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 (all) or more");
    }
  }

  public Report(List<CompileResult> results, List<RuleDescriptor> rules, String version) {
    this(results, rules, version, DEFAULT_LIMIT);
  }

  /** Every diagnostic of every file, shown or not, with {@code severity}. */
  public long count(Severity severity) {
    return results.stream()
        .flatMap(r -> r.diagnostics().stream())
        .filter(d -> d.severity() == severity)
        .count();
  }

  /** The diagnostics of {@code r} that are shown. */
  public List<Diagnostic> shown(CompileResult r) {
    List<Diagnostic> all = r.diagnostics();
    return limit == 0 || all.size() <= limit ? all : all.subList(0, limit);
  }

  /** How many diagnostics of {@code r} are not shown. */
  public int omitted(CompileResult r) {
    return r.diagnostics().size() - shown(r).size();
  }

  /** How many diagnostics of all files are not shown. */
  public long omitted() {
    return results.stream().mapToLong(this::omitted).sum();
  }

  /** The diagnostics shown, file by file. */
  public List<Diagnostic> shown() {
    return results.stream().flatMap(r -> shown(r).stream()).toList();
  }

  /** The line that stands for the diagnostics of {@code r} not shown, or null if none. */
  public String omittedLine(CompileResult r) {
    int n = omitted(r);
    if (n == 0) {
      return null;
    }
    return r.file().displayPath()
        + ": "
        + n
        + (n == 1 ? " more diagnostic" : " more diagnostics")
        + " not shown (the first "
        + limit
        + " of each file are; --max-diagnostics N shows more, 0 shows all)";
  }
}
