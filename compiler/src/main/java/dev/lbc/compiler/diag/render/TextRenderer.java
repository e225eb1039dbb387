package dev.lbc.compiler.diag.render;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Label;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiler-style text (DESIGN.md §7, after rustc): a location header, the source line with carets
 * under the primary span and dashes under secondary ones, then notes and help.
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

  private final boolean color;

  public TextRenderer(boolean color) {
    this.color = color;
  }

  @Override
  public String render(Report report) {
    StringBuilder out = new StringBuilder();
    for (CompileResult r : report.results()) {
      for (Diagnostic d : r.diagnostics()) {
        render(d, r.file(), out);
        out.append('\n');
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
    out.append(paint(BOLD, d.span().location() + ":"))
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
      String source = file == null ? "" : file.line(line);
      out.append(paint(BLUE, String.format("%" + width + "d |", line)));
      String shown = visible(source);
      out.append(shown.isEmpty() ? "" : " " + shown).append('\n');
      for (Mark m : e.getValue()) {
        int start = displayWidth(source, m.span.column() - 1);
        int end =
            m.span.endLine() == m.span.line()
                ? displayWidth(source, m.span.endColumn() - 1)
                : displayWidth(source, source.codePointCount(0, source.length()));
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
    for (Label l : elsewhere) {
      out.append(pad)
          .append(paint(BLUE, " = "))
          .append("note: ")
          .append(l.span().location())
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

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }

  /** The source line as shown: tabs as four spaces, control characters as U+FFFD. */
  static String visible(String source) {
    StringBuilder b = new StringBuilder();
    source
        .codePoints()
        .forEach(
            cp -> {
              if (cp == '\t') {
                b.append("    ");
              } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                b.append('\uFFFD');
              } else {
                b.appendCodePoint(cp);
              }
            });
    return b.toString().stripTrailing();
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
