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
 * <p>A problem outside any deployment (an input that does not exist, a broken project file) is a
 * {@link Problem}: the machine formats carry it too, so a CI system that reads only the report
 * (annotations, a JUnit dashboard, code scanning) still sees why the run failed.
 *
 * @param limit diagnostics shown per file; 0 shows all
 * @param problems what kept lbc from checking an input, in the order met
 * @param warningsFail whether warnings fail this run ({@code --max-warnings} exceeded), so formats
 *     that pass or fail (JUnit) count them as failures
 */
public record Report(
    List<CompileResult> results,
    List<RuleDescriptor> rules,
    String version,
    int limit,
    List<Problem> problems,
    boolean warningsFail) {
  /** The default of {@code --max-diagnostics}. */
  public static final int DEFAULT_LIMIT = 200;

  /**
   * A problem outside any deployment file.
   *
   * @param file the file it is about, as the user named it, or null (a bad option value)
   */
  public record Problem(String file, String message) {}

  public Report {
    results = List.copyOf(results);
    rules = List.copyOf(rules);
    problems = List.copyOf(problems);
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 (all) or more");
    }
  }

  public Report(
      List<CompileResult> results, List<RuleDescriptor> rules, String version, int limit) {
    this(results, rules, version, limit, List.of(), false);
  }

  public Report(List<CompileResult> results, List<RuleDescriptor> rules, String version) {
    this(results, rules, version, DEFAULT_LIMIT);
  }

  /** A report of one problem that stopped the run before any file was checked. */
  public static Report failed(Problem problem, List<RuleDescriptor> rules, String version) {
    return new Report(List.of(), rules, version, DEFAULT_LIMIT, List.of(problem), false);
  }

  /** This report, with warnings failing the run or not. */
  public Report withWarningsFailing(boolean fail) {
    return new Report(results, rules, version, limit, problems, fail);
  }

  /** Whether {@code d} fails the run: an error, or a warning when warnings fail it. */
  public boolean fails(Diagnostic d) {
    return d.severity() == Severity.ERROR || (warningsFail && d.severity() == Severity.WARNING);
  }

  /** Every diagnostic of every file, shown or not, with {@code severity}. */
  public long count(Severity severity) {
    // loops rather than streams here: the summary of every lint, linked at run time otherwise
    long n = 0;
    for (CompileResult r : results) {
      for (Diagnostic d : r.diagnostics()) {
        if (d.severity() == severity) {
          n++;
        }
      }
    }
    return n;
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
    long n = 0;
    for (CompileResult r : results) {
      n += omitted(r);
    }
    return n;
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
