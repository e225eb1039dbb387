package dev.lbc.compiler.render;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;

/**
 * JUnit XML for CI dashboards: a test suite per file, a failing test case per finding (named by
 * rule and position), and one passing case for a clean file, so a dashboard counts files checked.
 */
public final class JunitRenderer implements Renderer {
  @Override
  public String render(Report report) {
    long findings = report.results().stream().mapToLong(r -> failures(r, report)).sum();
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuites name=\"lbc lint\" tests=\"")
        .append(report.results().stream().mapToLong(r -> Math.max(1, failures(r, report))).sum())
        .append("\" failures=\"")
        .append(findings)
        .append("\" errors=\"0\">\n");
    for (CompileResult r : report.results()) {
      String file = r.file().displayPath();
      out.append("  <testsuite name=\"")
          .append(xml(file))
          .append("\" tests=\"")
          .append(Math.max(1, failures(r, report)))
          .append("\" failures=\"")
          .append(failures(r, report))
          .append("\" errors=\"0\">\n");
      if (r.diagnostics().isEmpty()) {
        out.append("    <testcase classname=\"").append(xml(file)).append("\" name=\"lint\"/>\n");
      }
      for (Diagnostic d : report.shown(r)) {
        out.append("    <testcase classname=\"")
            .append(xml(file))
            .append("\" name=\"")
            .append(d.code())
            .append(" at ")
            .append(d.span().line())
            .append(':')
            .append(d.span().column())
            .append("\">\n");
        out.append("      <failure type=\"")
            .append(d.code())
            .append("\" message=\"")
            .append(xml(d.message()))
            .append("\">")
            .append(
                xml(
                    d.span().location()
                        + ": "
                        + d.severity().word()
                        + "["
                        + d.code()
                        + "]: "
                        + d.message()
                        + helps(d)))
            .append("</failure>\n");
        out.append("    </testcase>\n");
      }
      String omitted = report.omittedLine(r);
      if (omitted != null) {
        // one failing case stands for the rest, so a dashboard still shows the file failing
        out.append("    <testcase classname=\"")
            .append(xml(file))
            .append("\" name=\"more findings\">\n      <failure type=\"omitted\" message=\"")
            .append(xml(omitted))
            .append("\"/>\n    </testcase>\n");
      }
      out.append("  </testsuite>\n");
    }
    out.append("</testsuites>\n");
    return out.toString();
  }

  /** Test cases that fail for {@code r}: one per diagnostic shown, one for those not shown. */
  private static long failures(CompileResult r, Report report) {
    return report.shown(r).size() + (report.omitted(r) > 0 ? 1 : 0);
  }

  private static String helps(Diagnostic d) {
    StringBuilder b = new StringBuilder();
    for (String h : d.helps()) {
      b.append("\nhelp: ").append(h);
    }
    return b.toString();
  }

  /** Escapes for XML text and attributes; drops characters XML 1.0 cannot carry. */
  static String xml(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append("&#9;");
                default -> {
                  boolean legal =
                      (cp >= 0x20 && cp <= 0xD7FF)
                          || (cp >= 0xE000 && cp <= 0xFFFD)
                          || cp >= 0x10000;
                  if (legal) {
                    b.appendCodePoint(cp);
                  } else {
                    b.append('\uFFFD');
                  }
                }
              }
            });
    return b.toString();
  }
}
