package dev.lbc.compiler.source;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one input file and its line table. Lines and columns are 1-based; columns count
 * Unicode code points, as SARIF and editors expect. Lines end at LF, CRLF or a lone CR ({@link
 * LineIndex}); the index is built once, with the file.
 *
 * @param displayPath the path as diagnostics show it (as the user typed it, with '/' separators)
 * @param text the decoded contents, without a byte order mark
 * @param index the lines of {@code text}
 */
public record SourceFile(String displayPath, String text, LineIndex index) {

  public SourceFile(String displayPath, String text) {
    this(displayPath, text, LineIndex.of(text));
  }

  /** Returns the text of line {@code line} (1-based) without its terminator, or "" if absent. */
  public String line(int line) {
    return index.line(line);
  }

  /** The lines of the file, split on \n, \r\n or \r. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>(index.lineCount());
    for (int i = 1; i <= index.lineCount(); i++) {
      lines.add(index.line(i));
    }
    return lines;
  }

  /** A span covering the whole first line, for file-level diagnostics. */
  public Span start() {
    return new Span(this, 1, 1, 1, 1);
  }

  @Override
  public String toString() {
    return displayPath;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceFile other && other.displayPath.equals(displayPath);
  }

  @Override
  public int hashCode() {
    return displayPath.hashCode();
  }
}
