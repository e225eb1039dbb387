package dev.lbc.compiler.render;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;

/**
 * GitHub Actions workflow commands ({@code ::error file=...,line=...,col=...::message}), which
 * annotate the pull request diff. Data and properties are escaped as the runner requires, so a
 * value in a message cannot end the command or start another.
 */
public final class GithubRenderer implements Renderer {
  @Override
  public String render(Report report) {
    StringBuilder out = new StringBuilder();
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
          .append(property(d.span().file().displayPath()))
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
            .append(property(r.file().displayPath()))
            .append(",title=lbc::")
            .append(data(omitted))
            .append('\n');
      }
    }
    return out.toString();
  }

  private static String message(Diagnostic d) {
    StringBuilder b = new StringBuilder(d.code()).append(": ").append(d.message());
    for (String help : d.helps()) {
      b.append("\nhelp: ").append(help);
    }
    return b.toString();
  }

  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
