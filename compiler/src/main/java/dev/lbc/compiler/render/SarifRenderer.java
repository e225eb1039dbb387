package dev.lbc.compiler.render;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Label;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: the tool with its version and
 * every rule's metadata (name, descriptions, help, default level), results with real start and end
 * columns (code points), secondary spans as related locations, notes and help in the message (code
 * scanning shows a result's message, not the text under a terminal's carets), and a {@code
 * partialFingerprints} entry ({@link Fingerprints}) so a finding keeps its alert when lines move.
 * Paths inside the workspace are relative to it, as code scanning expects. A problem outside any
 * deployment is a failed invocation with an error notification.
 */
public final class SarifRenderer implements Renderer {
  private final Workspace workspace;

  public SarifRenderer(Workspace workspace) {
    this.workspace = workspace;
  }

  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  static final String INFO_URI = "https://github.com/lbc-dev/lbc";

  @Override
  public String render(Report report) {
    Map<String, Integer> ruleIndex = new HashMap<>();
    List<Object> rules = new ArrayList<>();
    for (RuleDescriptor r : report.rules()) {
      ruleIndex.put(r.id(), rules.size());
      Map<String, Object> rule = Json.object();
      rule.put("id", r.id());
      rule.put("name", pascal(r.slug()));
      rule.put("shortDescription", text(sentence(r.title())));
      rule.put("fullDescription", text(sentence(flatten(r.rationale()))));
      Map<String, Object> help = Json.object();
      help.put("text", sentence(flatten(r.fix())));
      help.put("markdown", r.page());
      rule.put("help", help);
      rule.put("helpUri", INFO_URI + "/blob/main/docs/rules.md#" + r.id().toLowerCase(Locale.ROOT));
      Map<String, Object> config = Json.object();
      config.put("level", level(r.severity()));
      rule.put("defaultConfiguration", config);
      Map<String, Object> props = Json.object();
      props.put("tags", List.of(r.id().startsWith("LBC0") ? "language" : "exchange"));
      rule.put("properties", props);
      rules.add(rule);
    }
    List<Object> results = new ArrayList<>();
    List<Diagnostic> shown = report.shown();
    List<String> fingerprints = Fingerprints.of(shown, workspace);
    for (int i = 0; i < shown.size(); i++) {
      Diagnostic d = shown.get(i);
      Map<String, Object> result = Json.object();
      result.put("ruleId", d.code());
      if (ruleIndex.containsKey(d.code())) {
        result.put("ruleIndex", ruleIndex.get(d.code()));
      }
      result.put("level", level(d.severity()));
      result.put("message", message(d));
      result.put("locations", List.of(location(d.span(), null, -1)));
      Map<String, Object> fingerprint = Json.object();
      fingerprint.put(Fingerprints.SARIF_KEY, fingerprints.get(i));
      result.put("partialFingerprints", fingerprint);
      List<Object> related = new ArrayList<>();
      for (Label l : d.secondary()) {
        related.add(location(l.span(), l.message(), related.size()));
      }
      if (!related.isEmpty()) {
        result.put("relatedLocations", related);
      }
      results.add(result);
    }
    Map<String, Object> driver = Json.object();
    driver.put("name", "lbc");
    driver.put("semanticVersion", report.version().replace("-SNAPSHOT", ""));
    driver.put("version", report.version());
    driver.put("informationUri", INFO_URI);
    driver.put("rules", rules);
    Map<String, Object> tool = Json.object();
    tool.put("driver", driver);
    Map<String, Object> run = Json.object();
    run.put("tool", tool);
    run.put("results", results);
    List<Object> notifications = new ArrayList<>();
    for (Report.Problem p : report.problems()) {
      Map<String, Object> n = Json.object();
      n.put("level", "error");
      n.put("message", text(sentence(p.message())));
      if (p.file() != null) {
        Map<String, Object> artifact = Json.object();
        artifact.put("uri", uri(workspace.path(p.file())));
        Map<String, Object> physical = Json.object();
        physical.put("artifactLocation", artifact);
        Map<String, Object> location = Json.object();
        location.put("physicalLocation", physical);
        n.put("locations", List.of(location));
      }
      notifications.add(n);
    }
    for (CompileResult r : report.results()) {
      String omitted = report.omittedLine(r);
      if (omitted != null) {
        Map<String, Object> n = Json.object();
        n.put("level", "warning");
        n.put("message", text(sentence(omitted)));
        notifications.add(n);
      }
    }
    if (!notifications.isEmpty()) {
      Map<String, Object> invocation = Json.object();
      invocation.put("executionSuccessful", report.problems().isEmpty());
      invocation.put("toolExecutionNotifications", notifications);
      run.put("invocations", List.of(invocation));
    }
    run.put("columnKind", "unicodeCodePoints");
    Map<String, Object> root = Json.object();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    root.put("runs", List.of(run));
    return Json.write(root);
  }

  /**
   * The message as a sentence, then each note and help line as one. Plain text only: a message
   * quotes names from the deployment, and a pull request from anyone must not put links or HTML
   * into the alerts of the repository it targets (the rule's help, written by lbc, is Markdown).
   */
  private static Map<String, Object> message(Diagnostic d) {
    StringBuilder text = new StringBuilder(sentence(d.message()));
    for (String note : d.notes()) {
      text.append(' ').append(sentence("Note: " + note));
    }
    for (String help : d.helps()) {
      text.append(' ').append(sentence("Help: " + help));
    }
    return text(text.toString());
  }

  private Map<String, Object> location(Span span, String message, int id) {
    Map<String, Object> artifact = Json.object();
    artifact.put("uri", uri(workspace.path(span.file().displayPath())));
    Map<String, Object> region = Json.object();
    region.put("startLine", span.line());
    region.put("startColumn", span.column());
    region.put("endLine", span.endLine());
    region.put(
        "endColumn",
        Math.max(span.endColumn(), span.endLine() == span.line() ? span.column() + 1 : 1));
    Map<String, Object> physical = Json.object();
    physical.put("artifactLocation", artifact);
    physical.put("region", region);
    Map<String, Object> location = Json.object();
    if (id >= 0) {
      location.put("id", id);
    }
    location.put("physicalLocation", physical);
    if (message != null) {
      location.put("message", text(sentence(message)));
    }
    return location;
  }

  /** A relative path as a relative URI reference; an absolute one as a file: URI. */
  static String uri(String displayPath) {
    Path p = Path.of(displayPath);
    if (p.isAbsolute()) {
      return p.toUri().toString();
    }
    StringBuilder b = new StringBuilder();
    for (String segment : displayPath.replace('\\', '/').split("/", -1)) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(
          java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
              .replace("+", "%20"));
    }
    return b.toString();
  }

  private static Map<String, Object> text(String s) {
    Map<String, Object> o = Json.object();
    o.put("text", s);
    return o;
  }

  private static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /** SARIF messages are sentences: they end with a period. */
  private static String sentence(String s) {
    String t = s.strip();
    return t.endsWith(".") || t.endsWith("?") || t.endsWith("!") ? t : t + ".";
  }

  private static String flatten(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }

  private static String pascal(String slug) {
    StringBuilder b = new StringBuilder();
    for (String part : slug.split("-")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }
}
