package dev.lbc.compiler.render;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.text.Xml;

/**
 * JUnit XML for CI dashboards: a test suite per file, a failing test case per finding (named by
 * rule and position), and one passing case for a clean file, so a dashboard counts files checked.
 * An {@code info} finding is a passing case that carries its text: it informs and must not fail a
 * build (LBC213 on the guides' own design is one).
 */
public final class JunitRenderer implements Renderer {
  @Override
  public String render(Report report) {
    long findings = report.results().stream().mapToLong(r -> failures(r, report)).sum();
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuites name=\"lbc lint\" tests=\"")
        .append(report.results().stream().mapToLong(r -> tests(r, report)).sum())
        .append("\" failures=\"")
        .append(findings)
        .append("\" errors=\"0\">\n");
    for (CompileResult r : report.results()) {
      String file = r.file().displayPath();
      out.append("  <testsuite name=\"")
          .append(Xml.escape(file))
          .append("\" tests=\"")
          .append(tests(r, report))
          .append("\" failures=\"")
          .append(failures(r, report))
          .append("\" errors=\"0\">\n");
      if (r.diagnostics().isEmpty()) {
        out.append("    <testcase classname=\"")
            .append(Xml.escape(file))
            .append("\" name=\"lint\"/>\n");
      }
      for (Diagnostic d : report.shown(r)) {
        out.append("    <testcase classname=\"")
            .append(Xml.escape(file))
            .append("\" name=\"")
            .append(d.code())
            .append(" at ")
            .append(d.span().line())
            .append(':')
            .append(d.span().column())
            .append("\">\n");
        String text =
            Xml.escape(
                d.span().location()
                    + ": "
                    + d.severity().word()
                    + "["
                    + d.code()
                    + "]: "
                    + d.message()
                    + helps(d));
        if (d.severity() == Severity.INFO) {
          out.append("      <system-out>").append(text).append("</system-out>\n");
        } else {
          out.append("      <failure type=\"")
              .append(d.code())
              .append("\" message=\"")
              .append(Xml.escape(d.message()))
              .append("\">")
              .append(text)
              .append("</failure>\n");
        }
        out.append("    </testcase>\n");
      }
      String omitted = report.omittedLine(r);
      if (omitted != null) {
        // one failing case stands for the rest, so a dashboard still shows the file failing
        out.append("    <testcase classname=\"")
            .append(Xml.escape(file))
            .append("\" name=\"more findings\">\n      <failure type=\"omitted\" message=\"")
            .append(Xml.escape(omitted))
            .append("\"/>\n    </testcase>\n");
      }
      out.append("  </testsuite>\n");
    }
    out.append("</testsuites>\n");
    return out.toString();
  }

  /**
   * Test cases that fail for {@code r}: one per error or warning shown, one for those not shown.
   */
  private static long failures(CompileResult r, Report report) {
    return report.shown(r).stream().filter(d -> d.severity() != Severity.INFO).count()
        + (report.omitted(r) > 0 ? 1 : 0);
  }

  /** Test cases of {@code r}: one per finding shown, one for those not shown, one if clean. */
  private static long tests(CompileResult r, Report report) {
    return Math.max(1, report.shown(r).size() + (report.omitted(r) > 0 ? 1 : 0));
  }

  private static String helps(Diagnostic d) {
    StringBuilder b = new StringBuilder();
    for (String h : d.helps()) {
      b.append("\nhelp: ").append(h);
    }
    return b.toString();
  }
}
