package dev.lbc.compiler.render;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.text.Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JUnit XML for CI dashboards (Jenkins, GitLab, Azure DevOps). A test suite per file and a test
 * case per rule that fired in it, named by the rule's ID and name: a dashboard tracks a test case
 * by its name across builds, so a name never holds a line number, and moving a finding does not
 * turn one test into another. The case lists every occurrence with its line. It fails when one of
 * them fails the run: an error, or a warning when the run fails on warnings ({@code
 * --max-warnings}); otherwise its text goes to {@code system-out} and it passes, so a dashboard
 * agrees with the exit code. A clean file is one passing case, so a dashboard counts files checked.
 * A problem outside any deployment (a missing input) is a case with an {@code <error>}.
 */
public final class JunitRenderer implements Renderer {
  private record Case(String name, List<Diagnostic> findings) {}

  @Override
  public String render(Report report) {
    StringBuilder suites = new StringBuilder();
    long tests = 0;
    long failures = 0;
    for (Report.Problem p : report.problems()) {
      String name = Xml.escape(p.file() == null ? "lbc" : p.file());
      suites
          .append("  <testsuite name=\"")
          .append(name)
          .append("\" tests=\"1\" failures=\"0\" errors=\"1\">\n")
          .append("    <testcase classname=\"")
          .append(name)
          .append("\" name=\"input\">\n      <error type=\"input\" message=\"")
          .append(Xml.escape(p.message()))
          .append("\">")
          .append(Xml.escape(p.message()))
          .append("</error>\n    </testcase>\n  </testsuite>\n");
      tests++;
    }
    for (CompileResult r : report.results()) {
      String file = Xml.escape(r.file().displayPath());
      StringBuilder cases = new StringBuilder();
      int count = 0;
      int failed = 0;
      if (r.diagnostics().isEmpty()) {
        cases.append("    <testcase classname=\"").append(file).append("\" name=\"lint\"/>\n");
        count++;
      }
      for (Case c : cases(report, r)) {
        boolean fails = c.findings().stream().anyMatch(report::fails);
        cases
            .append("    <testcase classname=\"")
            .append(file)
            .append("\" name=\"")
            .append(Xml.escape(c.name()))
            .append("\">\n");
        String body = Xml.escape(body(c.findings()));
        if (fails) {
          int n = c.findings().size();
          cases
              .append("      <failure type=\"")
              .append(Xml.escape(c.findings().get(0).code()))
              .append("\" message=\"")
              .append(Xml.escape(n == 1 ? c.findings().get(0).message() : n + " findings"))
              .append("\">")
              .append(body)
              .append("</failure>\n");
          failed++;
        } else {
          cases.append("      <system-out>").append(body).append("</system-out>\n");
        }
        cases.append("    </testcase>\n");
        count++;
      }
      String omitted = report.omittedLine(r);
      if (omitted != null) {
        // one case stands for the rest; it fails if any of them would
        List<Diagnostic> all = r.diagnostics();
        boolean fails =
            all.subList(report.shown(r).size(), all.size()).stream().anyMatch(report::fails);
        cases
            .append("    <testcase classname=\"")
            .append(file)
            .append("\" name=\"more findings\">\n");
        if (fails) {
          cases
              .append("      <failure type=\"omitted\" message=\"")
              .append(Xml.escape(omitted))
              .append("\"/>\n");
          failed++;
        } else {
          cases.append("      <system-out>").append(Xml.escape(omitted)).append("</system-out>\n");
        }
        cases.append("    </testcase>\n");
        count++;
      }
      suites
          .append("  <testsuite name=\"")
          .append(file)
          .append("\" tests=\"")
          .append(count)
          .append("\" failures=\"")
          .append(failed)
          .append("\" errors=\"0\">\n")
          .append(cases)
          .append("  </testsuite>\n");
      tests += count;
      failures += failed;
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<testsuites name=\"lbc lint\" tests=\""
        + tests
        + "\" failures=\""
        + failures
        + "\" errors=\""
        + report.problems().size()
        + "\">\n"
        + suites
        + "</testsuites>\n";
  }

  /** The findings shown for {@code r}, one case per rule, in rule ID order. */
  private static List<Case> cases(Report report, CompileResult r) {
    Map<String, List<Diagnostic>> byRule = new TreeMap<>();
    for (Diagnostic d : report.shown(r)) {
      byRule.computeIfAbsent(d.code(), k -> new ArrayList<>()).add(d);
    }
    Map<String, String> slugs = new TreeMap<>();
    for (RuleDescriptor rule : report.rules()) {
      slugs.put(rule.id(), rule.slug());
    }
    List<Case> out = new ArrayList<>();
    byRule.forEach(
        (code, findings) ->
            out.add(
                new Case(slugs.containsKey(code) ? code + " " + slugs.get(code) : code, findings)));
    return out;
  }

  /** Every occurrence, as its location, header, notes and help lines. */
  private static String body(List<Diagnostic> findings) {
    StringBuilder b = new StringBuilder();
    for (Diagnostic d : findings) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(d.span().location())
          .append(": ")
          .append(d.severity().word())
          .append('[')
          .append(d.code())
          .append("]: ")
          .append(d.message());
      for (String note : d.notes()) {
        b.append("\n  note: ").append(note);
      }
      for (String help : d.helps()) {
        b.append("\n  help: ").append(help);
      }
    }
    return b.toString();
  }
}
