package dev.lbc.backends.diff;

import dev.lbc.backends.diff.DeploymentDiff.FileChange;
import dev.lbc.backends.diff.DeploymentDiff.Finding;
import dev.lbc.backends.diff.ModelChange.Kind;
import dev.lbc.compiler.diag.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link DeploymentDiff} written for a terminal, a pull-request comment or a program. Every list
 * is in plan order or sorted, so the same two inputs always give the same bytes.
 */
public final class DiffReport {
  private DiffReport() {}

  /** The summary line every format starts from. */
  public static String summary(DeploymentDiff d) {
    if (d.empty()) {
      return "no changes";
    }
    return count(d.changes().size(), "model change")
        + ", "
        + count(d.files().size(), "generated file")
        + " changed, "
        + count(d.impact().targets().size(), "target")
        + " to update, "
        + (d.impact().drops().isEmpty()
            ? "no connection dropped"
            : count(d.impact().drops().size(), "change") + " dropping connections")
        + ", "
        + count(d.introduced().size(), "finding")
        + " introduced, "
        + d.fixed().size()
        + " fixed";
  }

  /** Plain text; with {@code withFiles}, the unified diff of each generated file at the end. */
  public static String text(DeploymentDiff d, boolean withFiles) {
    StringBuilder b = new StringBuilder();
    // the inputs' names first, whole: a newline in one must not split the line before it is escaped
    b.append("lbc diff ").append(Messages.printable(d.before())).append(" → ");
    b.append(Messages.printable(d.after())).append(": ");
    b.append(summary(d)).append('\n');
    section(b, "Model changes", d.changes().stream().map(DiffReport::change).toList());
    section(b, "Impact", impact(d.impact()));
    section(b, "Connections dropped", d.impact().drops());
    section(b, "DNS records", d.impact().dns());
    section(b, "Generated files", d.files().stream().map(DiffReport::file).toList());
    section(b, "Findings introduced", d.introduced().stream().map(DiffReport::finding).toList());
    section(b, "Findings fixed", d.fixed().stream().map(DiffReport::finding).toList());
    if (withFiles) {
      for (FileChange f : d.files()) {
        b.append('\n').append(diffOf(f));
      }
    }
    return terminalSafe(b.toString());
  }

  /** Markdown for a pull-request comment: the summary and the impact first, details folded. */
  public static String markdown(DeploymentDiff d, boolean withFiles) {
    StringBuilder b = new StringBuilder();
    b.append("### lbc diff ").append(code(d.before())).append(" → ").append(code(d.after()));
    b.append("\n\n").append(summary(d)).append("\n");
    if (!d.impact().drops().isEmpty()) {
      b.append("\n**Drops connections:**\n\n");
      d.impact().drops().forEach(s -> b.append("- ").append(md(s)).append('\n'));
    }
    if (!d.impact().targets().isEmpty()) {
      b.append("\n| Target | Action |\n|---|---|\n");
      d.impact()
          .targets()
          .forEach(
              (t, actions) ->
                  b.append("| ")
                      .append(code(t).replace("|", "\\|"))
                      .append(" | ")
                      .append(md(String.join("; ", actions)))
                      .append(" |\n"));
    }
    details(b, "DNS records", d.impact().dns());
    detailsRaw(b, "Model changes", d.changes().stream().map(DiffReport::markdownChange).toList());
    details(b, "Findings introduced", d.introduced().stream().map(DiffReport::finding).toList());
    details(b, "Findings fixed", d.fixed().stream().map(DiffReport::finding).toList());
    if (!d.files().isEmpty()) {
      b.append("\n<details><summary>Generated files (").append(d.files().size());
      b.append(")</summary>\n\n");
      for (FileChange f : d.files()) {
        b.append("- ").append(md(file(f))).append('\n');
      }
      if (withFiles) {
        for (FileChange f : d.files()) {
          b.append("\n```diff\n")
              .append(terminalSafe(diffOf(f)).replace("```", "` ` `"))
              .append("```\n");
        }
      }
      b.append("\n</details>\n");
    }
    return b.toString();
  }

  /**
   * JSON, keys in a fixed order, two-space indent; {@code diff} per file with {@code withFiles}.
   */
  public static String json(DeploymentDiff d, boolean withFiles) {
    return indent(compactJson(d, withFiles)) + "\n";
  }

  private static String compactJson(DeploymentDiff d, boolean withFiles) {
    List<String> changes = new ArrayList<>();
    for (ModelChange c : d.changes()) {
      changes.add(
          obj(
              "path",
              str(c.path()),
              "kind",
              str(word(c.kind())),
              "before",
              str(c.before()),
              "after",
              str(c.after())));
    }
    List<String> files = new ArrayList<>();
    for (FileChange f : d.files()) {
      files.add(
          withFiles
              ? obj("path", str(f.path()), "kind", str(word(f.kind())), "diff", str(f.diff()))
              : obj("path", str(f.path()), "kind", str(word(f.kind()))));
    }
    List<String> targets = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : d.impact().targets().entrySet()) {
      targets.add(obj("target", str(e.getKey()), "actions", strs(e.getValue())));
    }
    String impact =
        obj(
            "targets",
            arr(targets),
            "dns",
            strs(d.impact().dns()),
            "dropsConnections",
            strs(d.impact().drops()));
    return obj(
        "before", str(d.before()),
        "after", str(d.after()),
        "changed", String.valueOf(!d.empty()),
        "summary", str(summary(d)),
        "changes", arr(changes),
        "impact", impact,
        "files", arr(files),
        "findingsIntroduced", arr(d.introduced().stream().map(DiffReport::findingJson).toList()),
        "findingsFixed", arr(d.fixed().stream().map(DiffReport::findingJson).toList()));
  }

  /** Compact JSON laid out one value a line; empty arrays and objects stay on theirs. */
  static String indent(String json) {
    StringBuilder b = new StringBuilder();
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        b.append(c);
        if (c == '\\') {
          b.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          inString = true;
          b.append(c);
        }
        case '{', '[' -> {
          char close = c == '{' ? '}' : ']';
          if (i + 1 < json.length() && json.charAt(i + 1) == close) {
            b.append(c).append(close);
            i++;
          } else {
            b.append(c).append('\n').append("  ".repeat(++depth));
          }
        }
        case '}', ']' -> b.append('\n').append("  ".repeat(--depth)).append(c);
        case ',' -> b.append(",\n").append("  ".repeat(depth));
        case ':' -> b.append(": ");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String findingJson(Finding f) {
    return obj("code", str(f.code()), "severity", str(f.severity()), "message", str(f.message()));
  }

  private static List<String> impact(Impact i) {
    List<String> out = new ArrayList<>();
    i.targets().forEach((t, actions) -> out.add(t + ": " + String.join("; ", actions)));
    return out;
  }

  private static String change(ModelChange c) {
    return switch (c.kind()) {
      case ADDED -> "+ " + c.path();
      case REMOVED -> "- " + c.path();
      case CHANGED -> "~ " + c.path() + ": " + c.before() + " → " + c.after();
    };
  }

  /** A change with its path as code, so that brackets and dots read as written. */
  private static String markdownChange(ModelChange c) {
    return switch (c.kind()) {
      case ADDED -> "added " + code(c.path());
      case REMOVED -> "removed " + code(c.path());
      case CHANGED -> code(c.path()) + ": " + md(c.before()) + " → " + md(c.after());
    };
  }

  private static String file(FileChange f) {
    return (f.kind() == Kind.ADDED ? "A " : f.kind() == Kind.REMOVED ? "D " : "M ") + f.path();
  }

  private static String finding(Finding f) {
    return f.severity() + "[" + f.code() + "]: " + f.message();
  }

  private static String diffOf(FileChange f) {
    return f.diff() != null ? f.diff() : "Binary file " + f.path() + " differs\n";
  }

  private static void section(StringBuilder b, String title, List<String> lines) {
    if (!lines.isEmpty()) {
      b.append('\n').append(title).append(":\n");
      lines.forEach(l -> b.append("  ").append(l).append('\n'));
    }
  }

  private static void details(StringBuilder b, String title, List<String> lines) {
    detailsRaw(b, title, lines.stream().map(DiffReport::md).toList());
  }

  /** A folded list of lines that are Markdown already. */
  private static void detailsRaw(StringBuilder b, String title, List<String> lines) {
    if (!lines.isEmpty()) {
      b.append("\n<details><summary>").append(title).append(" (").append(lines.size());
      b.append(")</summary>\n\n");
      lines.forEach(l -> b.append("- ").append(l).append('\n'));
      b.append("\n</details>\n");
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String word(Kind k) {
    return k.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Every line as a terminal or a CI log can show it: names, paths and generated files come from
   * the deployment, and a control character in them must not move the cursor or forge a line.
   */
  private static String terminalSafe(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      b.append(Messages.printable(line)).append('\n');
    }
    return b.substring(0, b.length() - 1);
  }

  /** Text made inert in Markdown: no HTML, no table breaks, no stray emphasis. */
  static String md(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if ("\\`*_[]<>|#".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c == '\n' ? ' ' : c);
    }
    return Messages.printable(b.toString());
  }

  /** A code span: shown as is, so nothing is escaped but the backtick that would end it. */
  static String code(String s) {
    return "`" + Messages.printable(s.replace('`', '\'')) + "`";
  }

  private static String obj(String... kv) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < kv.length; i += 2) {
      b.append(i == 0 ? "" : ",").append(str(kv[i])).append(':').append(kv[i + 1]);
    }
    return b.append('}').toString();
  }

  private static String arr(List<String> items) {
    return "[" + String.join(",", items) + "]";
  }

  private static String strs(List<String> items) {
    return arr(items.stream().map(DiffReport::str).toList());
  }

  static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
