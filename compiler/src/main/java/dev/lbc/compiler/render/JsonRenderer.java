package dev.lbc.compiler.render;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Label;
import dev.lbc.compiler.diag.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Diagnostics as one JSON document: a list of findings and a summary. */
public final class JsonRenderer implements Renderer {
  @Override
  public String render(Report report) {
    List<Object> list = new ArrayList<>();
    for (Diagnostic d : report.shown()) {
      Map<String, Object> o = Json.object();
      o.put("file", d.span().file().displayPath());
      o.putAll(Json.position(d.span()));
      o.put("code", d.code());
      o.put("severity", d.severity().word());
      o.put("message", d.message());
      o.put("label", d.label());
      List<Object> secondary = new ArrayList<>();
      for (Label l : d.secondary()) {
        Map<String, Object> s = Json.object();
        s.put("file", l.span().file().displayPath());
        s.putAll(Json.position(l.span()));
        s.put("message", l.message());
        secondary.add(s);
      }
      o.put("secondary", secondary);
      o.put("notes", d.notes());
      o.put("help", d.helps());
      list.add(o);
    }
    Map<String, Object> summary = Json.object();
    summary.put("files", report.results().size());
    summary.put("errors", report.count(Severity.ERROR));
    summary.put("warnings", report.count(Severity.WARNING));
    // every finding is counted above; the list holds the first `limit` of each file
    summary.put("omitted", report.omitted());
    summary.put("limitPerFile", report.limit());
    Map<String, Object> root = Json.object();
    root.put("tool", "lbc");
    root.put("version", report.version());
    List<Object> problems = new ArrayList<>();
    for (Report.Problem p : report.problems()) {
      Map<String, Object> o = Json.object();
      o.put("file", p.file());
      o.put("message", p.message());
      problems.add(o);
    }
    // what kept an input from being checked: a missing file, a broken project file
    root.put("problems", problems);
    root.put("diagnostics", list);
    root.put("summary", summary);
    return Json.write(root);
  }
}
