package dev.lbc.compiler.suppress;

import dev.lbc.compiler.catalog.LanguageRules;
import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.source.Span;
import dev.lbc.compiler.tree.DataNode;
import dev.lbc.compiler.tree.MapNode;
import dev.lbc.compiler.tree.SeqNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code # lbc-disable LBC201 reason} comments, in YAML and the DSL alike. On its own line before a
 * node, a directive silences the rules it names for that node and everything inside it; in the
 * file's header (the comment block before the first content line) it silences them for the file; at
 * the end of a content line, it silences them for findings on that line only (ADR 0022). A rule
 * whose descriptor says it is not {@link RuleDescriptor#suppressible() suppressible} cannot be
 * named: such a directive is reported, like one naming an unknown rule.
 */
public final class Suppressions {
  private static final Pattern DIRECTIVE = Pattern.compile("^\\s*#\\s*lbc-disable\\b(.*)$");
  private static final Pattern ID = Pattern.compile("LBC[0-9]{3}");
  private static final Pattern NEXT_ID = Pattern.compile("\\G[\\s,]*([A-Za-z0-9]+)");

  /** One directive: the rules it names, the lines it covers, and whether it was used. */
  private static final class Directive {
    static final Comparator<Directive> BY_FIRST_LINE = new ByBound(true);
    static final Comparator<Directive> BY_LAST_LINE = new ByBound(false);

    final Span span;
    final List<String> ids;
    final int fromLine;
    final int toLine;
    final boolean trailing;
    boolean used;

    Directive(Span span, List<String> ids, int fromLine, int toLine, boolean trailing) {
      this.span = span;
      this.ids = ids;
      this.fromLine = fromLine;
      this.toLine = toLine;
      this.trailing = trailing;
    }
  }

  private final List<Directive> directives = new ArrayList<>();
  private final List<Diagnostic> problems = new ArrayList<>();

  private Suppressions() {}

  /**
   * Finds the directives of {@code file}. {@code tree} (may be null) gives node extents; {@code
   * rules} are the rules a directive may name, by ID; {@code dsl} says whose comment syntax the
   * file has.
   */
  public static Suppressions scan(
      SourceFile file, DataNode tree, Map<String, RuleDescriptor> rules, boolean dsl) {
    Suppressions s = new Suppressions();
    Map<Integer, Integer> extents = new HashMap<>();
    if (tree != null) {
      collectExtents(tree, extents);
    }
    List<String> lines = file.lines();
    // nextContent[i]: the first line at or after line i+1 that is neither blank nor a comment.
    int[] nextContent = new int[lines.size() + 2];
    nextContent[lines.size() + 1] = lines.size() + 1;
    for (int i = lines.size(); i >= 1; i--) {
      nextContent[i] = isBlankOrComment(lines.get(i - 1)) ? nextContent[i + 1] : i;
    }
    int firstContent = nextContent[1];
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = directiveStart(line, dsl);
      if (hash < 0) {
        continue;
      }
      Matcher m = DIRECTIVE.matcher(line.substring(hash));
      if (!m.matches()) {
        continue;
      }
      boolean trailing = !line.substring(0, hash).isBlank();
      int lineNo = i + 1;
      int col = hash + 1;
      Span span = Span.of(file, lineNo, col, line.codePointCount(col - 1, line.length()));
      String rest = m.group(1).strip();
      List<String> ids = new ArrayList<>();
      int pos = 0;
      Matcher id = NEXT_ID.matcher(rest);
      while (id.find(pos)) {
        String word = id.group(1);
        if (!word.toUpperCase(java.util.Locale.ROOT).startsWith("LBC")) {
          break;
        }
        ids.add(word);
        pos = id.end();
      }
      String reason = rest.substring(pos);
      // A second # starts a plain comment, not a reason.
      reason =
          (reason.indexOf('#') >= 0 ? reason.substring(0, reason.indexOf('#')) : reason).strip();
      boolean ok = true;
      for (String word : ids) {
        RuleDescriptor rule = ID.matcher(word).matches() ? rules.get(word) : null;
        if (rule == null) {
          s.problems.add(
              problem(
                  span,
                  "`# lbc-disable` names " + word + ", which is not a rule ID",
                  "see `lbc rules` for the IDs"));
          ok = false;
        } else if (!rule.suppressible()) {
          s.problems.add(
              problem(
                  span,
                  word + " cannot be suppressed by a comment",
                  "fix what it reports; `lbc explain " + word + "` says how"));
          ok = false;
        }
      }
      if (ids.isEmpty()) {
        s.problems.add(
            problem(
                span, "`# lbc-disable` names no rule", "write `# lbc-disable LBC201 <reason>`"));
        continue;
      }
      if (reason.isEmpty()) {
        s.problems.add(
            problem(
                span,
                "`# lbc-disable " + String.join(",", ids) + "` gives no reason",
                "add why the finding is acceptable here, after the rule ID"));
      }
      if (!ok) {
        continue;
      }
      if (trailing) {
        s.directives.add(new Directive(span, ids, lineNo, lineNo, true));
        continue;
      }
      if (lineNo < firstContent) {
        s.directives.add(new Directive(span, ids, 1, Integer.MAX_VALUE, false));
        continue;
      }
      int target = nextContent[lineNo + 1];
      int end = extents.getOrDefault(target, target);
      s.directives.add(new Directive(span, ids, target, end, false));
    }
    return s;
  }

  /** {@link #directiveStart(String, boolean)} of a YAML line. */
  static int directiveStart(String line) {
    return directiveStart(line, false);
  }

  /**
   * Where the directive comment of {@code line} starts, or -1: a whole-line comment, or the comment
   * that ends a content line, found where the reader finds comments. Inside a quoted string a '#'
   * starts none, so a value cannot pass for a directive. In YAML a '#' starts a comment only after
   * a space, and a quote opens a string only where a scalar can start (after a space or a flow
   * indicator), so {@code path: /owa/it's # lbc-disable ...} is a directive. In the DSL only '"'
   * quotes, and a '#' outside a string always starts a comment, even glued to a word (the lexer's
   * WORD stops at it).
   */
  static int directiveStart(String line, boolean dsl) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      char before = i == 0 ? ' ' : line.charAt(i - 1);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || (c == '\'' && !dsl)) {
        if (dsl || Character.isWhitespace(before) || "[{,".indexOf(before) >= 0) {
          quote = c;
        }
      } else if (c == '#' && (dsl || Character.isWhitespace(before))) {
        return DIRECTIVE.matcher(line.substring(i)).matches() ? i : -1;
      }
    }
    return -1;
  }

  private static boolean isBlankOrComment(String line) {
    String t = line.strip();
    return t.isEmpty() || t.startsWith("#");
  }

  /** For each start line, the last line of the largest entry or list item starting there. */
  private static void collectExtents(DataNode node, Map<Integer, Integer> extents) {
    // Entries and list items are what a directive annotates; a block list's own span starts on
    // its first item's line and must not make a directive there cover every item.
    if (node instanceof MapNode map) {
      for (MapNode.Entry e : map.entries()) {
        // A list whose first item shares the key's line (DSL statements, YAML flow lists) is
        // annotated item by item, not as a whole.
        if (!(e.value() instanceof SeqNode && e.value().span().line() == e.key().span().line())) {
          extend(extents, e.span());
        }
        collectExtents(e.value(), extents);
      }
    } else if (node instanceof SeqNode seq) {
      for (DataNode item : seq.items()) {
        extend(extents, item.span());
        collectExtents(item, extents);
      }
    }
  }

  private static void extend(Map<Integer, Integer> extents, Span span) {
    Integer known = extents.get(span.line());
    if (known == null || known < span.endLine()) {
      extents.put(span.line(), span.endLine());
    }
  }

  private static Diagnostic problem(Span span, String message, String help) {
    return Diagnostic.of(LanguageRules.BAD_SUPPRESSION.id(), Severity.WARNING, span, message)
        .withHelp(help);
  }

  /** Malformed directives (LBC009). */
  public List<Diagnostic> problems() {
    return List.copyOf(problems);
  }

  /**
   * The diagnostics of {@code found} that no directive silences, in their order; marks every
   * directive that silences one as used. One sweep over the lines: a directive is active from its
   * first to its last line, and is marked used at most once, so the work is linear in directives
   * and diagnostics however many of each a file holds.
   */
  public List<Diagnostic> unsuppressed(List<Diagnostic> found) {
    Integer[] order = new Integer[found.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Comparators written out as classes, and no lambdas or method references on this path: each
    // is linked at run time on every cold lint (docs/performance.md, "Cold lint", rounds 5 and 6)
    Arrays.sort(order, new ByLine(found));
    List<Directive> byStart = new ArrayList<>(directives);
    byStart.sort(Directive.BY_FIRST_LINE);
    PriorityQueue<Directive> active = new PriorityQueue<>(Directive.BY_LAST_LINE);
    Map<String, Integer> activeCount = new HashMap<>();
    Map<String, ArrayDeque<Directive>> notYetUsed = new HashMap<>();
    boolean[] silenced = new boolean[found.size()];
    int next = 0;
    for (int i : order) {
      Diagnostic d = found.get(i);
      int line = d.span().line();
      while (next < byStart.size() && byStart.get(next).fromLine <= line) {
        Directive dir = byStart.get(next++);
        active.add(dir);
        for (String id : dir.ids) {
          activeCount.put(id, activeCount.getOrDefault(id, 0) + 1);
          ArrayDeque<Directive> waiting = notYetUsed.get(id);
          if (waiting == null) {
            waiting = new ArrayDeque<>();
            notYetUsed.put(id, waiting);
          }
          waiting.add(dir);
        }
      }
      while (!active.isEmpty() && active.peek().toLine < line) {
        for (String id : active.poll().ids) {
          activeCount.put(id, activeCount.getOrDefault(id, 0) - 1);
        }
      }
      // only suppressible rules get this far: scan() refused directives naming the others
      if (activeCount.getOrDefault(d.code(), 0) <= 0) {
        continue;
      }
      silenced[i] = true;
      ArrayDeque<Directive> waiting = notYetUsed.getOrDefault(d.code(), new ArrayDeque<>());
      while (!waiting.isEmpty()) {
        Directive dir = waiting.poll();
        // one that ended before this line can never be active again: dropping it is final
        if (dir.toLine >= line) {
          dir.used = true;
        }
      }
    }
    List<Diagnostic> kept = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      if (!silenced[i]) {
        kept.add(found.get(i));
      }
    }
    return kept;
  }

  /**
   * Directives that silenced nothing (LBC010), after {@link #unsuppressed} saw every finding: all
   * of them with {@code everyDirective} ({@code --report-unused-disables}), else the trailing ones
   * only. A trailing directive that silences nothing is on the wrong line, and the reviewer who
   * reads it believes a finding was accepted: it is never silently ignored (ADR 0022).
   */
  public List<Diagnostic> unused(boolean everyDirective) {
    List<Diagnostic> out = new ArrayList<>();
    for (Directive dir : directives) {
      if (dir.used || !(everyDirective || dir.trailing)) {
        continue;
      }
      String comment = "`# lbc-disable " + String.join(",", dir.ids) + "`";
      out.add(
          dir.trailing
              ? Diagnostic.of(
                      LanguageRules.UNUSED_SUPPRESSION.id(),
                      Severity.WARNING,
                      dir.span,
                      comment + " at the end of this line suppresses nothing on it")
                  .withHelp(
                      "a trailing directive silences findings located on its own line; move it"
                          + " to the line the finding points at, or on a line of its own above"
                          + " the node")
              : Diagnostic.of(
                      LanguageRules.UNUSED_SUPPRESSION.id(),
                      Severity.WARNING,
                      dir.span,
                      comment + " suppresses nothing")
                  .withHelp("remove the comment"));
    }
    return out;
  }

  /** Directives by their first line, or by their last. */
  private static final class ByBound implements Comparator<Directive> {
    private final boolean first;

    ByBound(boolean first) {
      this.first = first;
    }

    @Override
    public int compare(Directive a, Directive b) {
      return first ? Integer.compare(a.fromLine, b.fromLine) : Integer.compare(a.toLine, b.toLine);
    }
  }

  /** Indexes into {@code found} by the line their diagnostic starts on. */
  private static final class ByLine implements Comparator<Integer> {
    private final List<Diagnostic> found;

    ByLine(List<Diagnostic> found) {
      this.found = found;
    }

    @Override
    public int compare(Integer a, Integer b) {
      return Integer.compare(found.get(a).span().line(), found.get(b).span().line());
    }
  }
}
