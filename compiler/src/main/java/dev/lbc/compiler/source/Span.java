package dev.lbc.compiler.source;

import java.util.Comparator;

/**
 * A region of a source file: 1-based line and code-point column of the first character, and the
 * line and column just past the last one.
 *
 * <p>Spans never take part in model equality (see {@link #equals}): the YAML and the DSL form of
 * one deployment produce equal models although every position differs. Code that needs positions
 * compares them through {@link #ORDER} or the accessors.
 */
public record Span(SourceFile file, int line, int column, int endLine, int endColumn) {

  /**
   * File, then position order, for sorting diagnostics. Written out rather than chained from {@code
   * Comparator.comparing}: the chain's five lambdas and the JDK's own were linked, some spun, on
   * every cold lint.
   */
  public static final Comparator<Span> ORDER = new ByPosition();

  private static final class ByPosition implements Comparator<Span> {
    @Override
    public int compare(Span a, Span b) {
      int c = displayPath(a).compareTo(displayPath(b));
      if (c == 0) {
        c = Integer.compare(a.line, b.line);
      }
      if (c == 0) {
        c = Integer.compare(a.column, b.column);
      }
      if (c == 0) {
        c = Integer.compare(a.endLine, b.endLine);
      }
      return c != 0 ? c : Integer.compare(a.endColumn, b.endColumn);
    }

    private static String displayPath(Span s) {
      return s.file() == null ? "" : s.file().displayPath();
    }
  }

  public Span {
    if (endLine < line || (endLine == line && endColumn < column)) {
      endLine = line;
      endColumn = column;
    }
  }

  /** A span of {@code length} code points on one line. */
  public static Span of(SourceFile file, int line, int column, int length) {
    return new Span(file, line, column, line, column + Math.max(0, length));
  }

  /** The smallest span covering this one and {@code other}. */
  public Span to(Span other) {
    boolean otherEndsLater =
        other.endLine > endLine || (other.endLine == endLine && other.endColumn > endColumn);
    return otherEndsLater ? new Span(file, line, column, other.endLine, other.endColumn) : this;
  }

  /** A sub-span on the first line, {@code offset} code points in and {@code length} long. */
  public Span slice(int offset, int length) {
    return Span.of(file, line, column + offset, length);
  }

  /** True if {@code other} starts within this span's lines. */
  public boolean coversLine(int otherLine) {
    return otherLine >= line && otherLine <= endLine;
  }

  /** {@code path:line:column}, as compilers print it. */
  public String location() {
    return file.displayPath() + ":" + line + ":" + column;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Span;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return location();
  }
}
