package dev.lbc.compiler.render;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitLab's Code Quality report ({@code artifacts: reports: codequality:}): a JSON array of issues,
 * each with a description, the rule ID as {@code check_name}, a fingerprint ({@link Fingerprints};
 * GitLab keeps one issue per fingerprint and compares them between the source and target branch), a
 * severity and the file's path in the repository ({@code CI_PROJECT_DIR}) with the first line.
 * Severities: error is {@code major}, warning {@code minor}, info {@code info}; {@code critical}
 * and {@code blocker} are left for what stops the check itself (a missing input is a {@code
 * blocker}).
 */
public final class GitlabRenderer implements Renderer {
  private final Workspace workspace;

  public GitlabRenderer(Workspace workspace) {
    this.workspace = workspace;
  }

  @Override
  public String render(Report report) {
    List<Object> issues = new ArrayList<>();
    for (Report.Problem p : report.problems()) {
      String path = p.file() == null ? "." : workspace.path(p.file());
      issues.add(
          issue(p.message(), "lbc-input", "blocker", path, 1, Fingerprints.of(path, p.message())));
    }
    List<Diagnostic> shown = report.shown();
    List<String> fingerprints = Fingerprints.of(shown, workspace);
    for (int i = 0; i < shown.size(); i++) {
      Diagnostic d = shown.get(i);
      String severity =
          switch (d.severity()) {
            case ERROR -> "major";
            case WARNING -> "minor";
            case INFO -> "info";
          };
      issues.add(
          issue(
              description(d),
              d.code(),
              severity,
              workspace.path(d.span().file().displayPath()),
              d.span().line(),
              fingerprints.get(i)));
    }
    for (CompileResult r : report.results()) {
      String omitted = report.omittedLine(r);
      if (omitted != null) {
        String path = workspace.path(r.file().displayPath());
        issues.add(issue(omitted, "lbc-omitted", "info", path, 1, Fingerprints.of(path, omitted)));
      }
    }
    return Json.write(issues);
  }

  private static Map<String, Object> issue(
      String description, String check, String severity, String path, int line, String fp) {
    Map<String, Object> lines = Json.object();
    lines.put("begin", line);
    Map<String, Object> location = Json.object();
    location.put("path", path);
    location.put("lines", lines);
    Map<String, Object> o = Json.object();
    o.put("description", description);
    o.put("check_name", check);
    o.put("fingerprint", fp);
    o.put("severity", severity);
    o.put("location", location);
    return o;
  }

  /** The message with its help: the widget shows one line, and help says what to do. */
  private static String description(Diagnostic d) {
    StringBuilder b = new StringBuilder(d.code()).append(": ").append(d.message());
    for (String help : d.helps()) {
      b.append(" (help: ").append(help).append(')');
    }
    return b.toString();
  }
}
