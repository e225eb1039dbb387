package dev.lbc.compiler.render;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Label;
import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiler-style text (docs/contract.md, "Command line"; after rustc): a location header, the
 * source line with carets under the primary span and dashes under secondary ones, then notes and
 * help.
 *
 * <pre>
 * examples/bad.yaml:14:13: error[LBC101]: DR mode cannot translate ports (VIP 443, real server 8443)
 *    |
 * 14 |         port: 8443
 *    |               ^^^^ real server MBOX2
 *    = help: use port 443 on the real server, or layer 7 SNAT mode
 * </pre>
 */
public final class TextRenderer implements Renderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String BLUE = "\u001b[1;34m";
  private static final String CYAN = "\u001b[1;36m";

  /**
   * Lines up to this many code points are shown whole: flow-style YAML written by hand reaches
   * about 240 columns, and a reviewer wants all of it.
   */
  static final int WHOLE = 240;

  /** Code points of a longer line shown around a mark. */
  static final int WIDTH = 120;

  /** Of those, the columns shown before the mark's first column. */
  static final int BEFORE = 40;

  private static final String ELLIPSIS = "…";

  private final boolean color;

  public TextRenderer(boolean color) {
    this.color = color;
  }

  @Override
  public String render(Report report) {
    StringBuilder out = new StringBuilder();
    for (Report.Problem p : report.problems()) {
      out.append("lbc: ").append(Messages.printable(p.message())).append('\n');
    }
    for (CompileResult r : report.results()) {
      for (Diagnostic d : report.shown(r)) {
        render(d, r.file(), out);
        out.append('\n');
      }
      String omitted = report.omittedLine(r);
      if (omitted != null) {
        out.append(paint(BOLD, omitted)).append("\n\n");
      }
    }
    return out.toString();
  }

  /** Renders one diagnostic (with a trailing newline). */
  public String render(Diagnostic d, SourceFile file) {
    StringBuilder out = new StringBuilder();
    render(d, file, out);
    return out.toString();
  }

  private void render(Diagnostic d, SourceFile file, StringBuilder out) {
    String sevColor =
        d.severity() == Severity.ERROR ? RED : d.severity() == Severity.WARNING ? YELLOW : CYAN;
    out.append(paint(BOLD, Messages.printable(d.span().location()) + ":"))
        .append(' ')
        .append(paint(sevColor, d.severity().word() + "[" + d.code() + "]"))
        .append(paint(BOLD, ": " + oneLine(d.message())))
        .append('\n');
    // Lines to show: the primary line and every secondary line in the same file.
    Map<Integer, List<Mark>> marks = new TreeMap<>();
    marks
        .computeIfAbsent(d.span().line(), k -> new ArrayList<>())
        .add(new Mark(d.span(), '^', d.label(), sevColor));
    List<Label> elsewhere = new ArrayList<>();
    for (Label l : d.secondary()) {
      if (l.span().file() != null && l.span().file().equals(d.span().file())) {
        marks
            .computeIfAbsent(l.span().line(), k -> new ArrayList<>())
            .add(new Mark(l.span(), '-', l.message(), BLUE));
      } else {
        elsewhere.add(l);
      }
    }
    int width = String.valueOf(((TreeMap<Integer, List<Mark>>) marks).lastKey()).length();
    String pad = " ".repeat(width);
    String gutter = paint(BLUE, pad + " |");
    out.append(gutter).append('\n');
    int previous = -1;
    for (Map.Entry<Integer, List<Mark>> e : marks.entrySet()) {
      int line = e.getKey();
      if (previous >= 0 && line > previous + 1) {
        out.append(paint(BLUE, "...")).append('\n');
      }
      previous = line;
      for (Window w : windows(file, line, e.getValue())) {
        String prefix = w.from > 1 ? ELLIPSIS : "";
        String suffix = w.to <= w.length ? ELLIPSIS : "";
        // padded by hand: String.format's Formatter loads locale data, a cost on every lint
        String number = Integer.toString(line);
        out.append(paint(BLUE, " ".repeat(width - number.length()) + number + " |"));
        String shown = (prefix + visible(w.text) + suffix).stripTrailing();
        out.append(shown.isEmpty() ? "" : " " + shown).append('\n');
        for (Mark m : w.marks) {
          // a mark past the end of a whole line (end of file) keeps its place; in a cut line it
          // is kept inside the window
          int limit = suffix.isEmpty() ? Integer.MAX_VALUE : w.to;
          int first = Math.min(Math.max(m.span.column(), w.from), limit);
          int last =
              m.span.endLine() == m.span.line()
                  ? Math.min(Math.max(m.span.endColumn(), first), limit)
                  : Math.min(w.to, limit);
          int start = prefix.length() + displayWidth(w.text, first - w.from);
          int end = prefix.length() + displayWidth(w.text, last - w.from);
          int carets = Math.max(1, end - start);
          out.append(gutter)
              .append(' ')
              .append(" ".repeat(start))
              .append(paint(m.color, String.valueOf(m.symbol).repeat(carets)));
          if (!m.label.isEmpty()) {
            out.append(' ').append(paint(m.color, oneLine(m.label)));
          }
          out.append('\n');
        }
      }
    }
    for (Label l : elsewhere) {
      out.append(pad)
          .append(paint(BLUE, " = "))
          .append("note: ")
          .append(Messages.printable(l.span().location()))
          .append(": ")
          .append(oneLine(l.message()))
          .append('\n');
    }
    for (String note : d.notes()) {
      out.append(pad)
          .append(paint(BLUE, " = "))
          .append(paint(BOLD, "note"))
          .append(": ")
          .append(oneLine(note))
          .append('\n');
    }
    for (String help : d.helps()) {
      out.append(pad)
          .append(paint(BLUE, " = "))
          .append(paint(BOLD, "help"))
          .append(": ")
          .append(oneLine(help))
          .append('\n');
    }
  }

  private record Mark(Span span, char symbol, String label, String color) {}

  /**
   * The part of a line shown for some of its marks: code-point columns {@code from} (inclusive) to
   * {@code to} (exclusive) of a line {@code length} long.
   */
  private record Window(int from, int to, int length, String text, List<Mark> marks) {}

  /**
   * A line of at most {@value #WHOLE} code points is shown whole. A longer one (a minified or
   * hostile file can hold 1 MiB on one line) is cut to windows of {@value #WIDTH} around its marks,
   * each starting {@value #BEFORE} columns before its first mark, marked with … where cut; marks
   * too far apart for one window get a window each.
   */
  private static List<Window> windows(SourceFile file, int line, List<Mark> marks) {
    int length = file == null ? 0 : file.index().length(line);
    if (length <= WHOLE) {
      String text = file == null ? "" : file.line(line);
      return List.of(new Window(1, length + 1, length, text, marks));
    }
    List<Mark> byColumn = new ArrayList<>(marks);
    // comparators written out: Comparator.comparingInt's lambda is spun at run time, cold
    byColumn.sort((a, b) -> Integer.compare(a.span.column(), b.span.column()));
    List<int[]> bounds = new ArrayList<>();
    List<List<Mark>> groups = new ArrayList<>();
    for (Mark m : byColumn) {
      int column = m.span.column();
      int[] last = bounds.isEmpty() ? null : bounds.get(bounds.size() - 1);
      if (last != null && column >= last[0] && column < last[1]) {
        groups.get(groups.size() - 1).add(m);
        continue;
      }
      int to = Math.min(length + 1, Math.max(1, column - BEFORE) + WIDTH);
      int from = Math.max(1, to - WIDTH);
      bounds.add(new int[] {from, to});
      groups.add(new ArrayList<>(List.of(m)));
    }
    List<Window> out = new ArrayList<>();
    for (int i = 0; i < bounds.size(); i++) {
      int[] b = bounds.get(i);
      List<Mark> group = new ArrayList<>(groups.get(i));
      group.sort((x, y) -> Integer.compare(marks.indexOf(x), marks.indexOf(y)));
      out.add(new Window(b[0], b[1], length, file.index().slice(line, b[0], b[1]), group));
    }
    return out;
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }

  /**
   * The source text as shown: tabs as four spaces, control characters, format characters and line
   * or paragraph separators (which a terminal may act on) as U+FFFD.
   */
  static String visible(String source) {
    StringBuilder b = new StringBuilder();
    source
        .codePoints()
        .forEach(
            cp -> {
              if (cp == '\t') {
                b.append("    ");
              } else if (Character.isISOControl(cp)
                  || Character.getType(cp) == Character.FORMAT
                  || Character.getType(cp) == Character.LINE_SEPARATOR
                  || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
                b.append('\uFFFD');
              } else {
                b.appendCodePoint(cp);
              }
            });
    return b.toString();
  }

  /** Columns taken on screen by the first {@code codePoints} code points of {@code source}. */
  private static int displayWidth(String source, int codePoints) {
    int width = 0;
    int i = 0;
    for (int n = 0; n < codePoints && i < source.length(); n++) {
      int cp = source.codePointAt(i);
      i += Character.charCount(cp);
      width += cp == '\t' ? 4 : 1;
    }
    return width + Math.max(0, codePoints - source.codePointCount(0, source.length()));
  }

  private static String oneLine(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }
}
