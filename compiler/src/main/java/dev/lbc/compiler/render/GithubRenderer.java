package dev.lbc.compiler.render;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;

/**
 * GitHub Actions workflow commands ({@code ::error file=...,line=...,col=...::message}), which
 * annotate the pull request diff. GitHub shows an annotation on a file only when {@code file=} is
 * the file's path in the repository, so paths are made relative to {@code GITHUB_WORKSPACE} (or the
 * current folder). An annotation is its message alone, so notes and help lines travel in it. A
 * problem outside any deployment (a missing input, a broken {@code .lbc.yaml}) is an annotation
 * too, on its file when it has one. Data and properties are escaped as the runner requires, so a
 * value in a message cannot end the command or start another.
 */
public final class GithubRenderer implements Renderer {
  private final Workspace workspace;

  public GithubRenderer(Workspace workspace) {
    this.workspace = workspace;
  }

  @Override
  public String render(Report report) {
    StringBuilder out = new StringBuilder();
    for (Report.Problem p : report.problems()) {
      out.append("::error ");
      if (p.file() != null) {
        out.append("file=").append(property(workspace.path(p.file()))).append(',');
      }
      out.append("title=lbc::").append(data(p.message())).append('\n');
    }
    for (Diagnostic d : report.shown()) {
      String command =
          switch (d.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "notice";
          };
      out.append("::")
          .append(command)
          .append(" file=")
          .append(property(workspace.path(d.span().file().displayPath())))
          .append(",line=")
          .append(d.span().line())
          .append(",col=")
          .append(d.span().column())
          .append(",endLine=")
          .append(d.span().endLine())
          .append(",endColumn=")
          .append(d.span().endColumn())
          .append(",title=")
          .append(property(d.code()))
          .append("::")
          .append(data(message(d)))
          .append('\n');
    }
    for (CompileResult r : report.results()) {
      String omitted = report.omittedLine(r);
      if (omitted != null) {
        out.append("::notice file=")
            .append(property(workspace.path(r.file().displayPath())))
            .append(",title=lbc::")
            .append(data(omitted))
            .append('\n');
      }
    }
    return out.toString();
  }

  private static String message(Diagnostic d) {
    StringBuilder b = new StringBuilder(d.code()).append(": ").append(d.message());
    for (String note : d.notes()) {
      b.append("\nnote: ").append(note);
    }
    for (String help : d.helps()) {
      b.append("\nhelp: ").append(help);
    }
    return b.toString();
  }

  /** Escapes a command's message: '%', CR and LF, which would end or garble the command. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escapes a property value: as data, plus ':' and ',', which delimit properties. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
