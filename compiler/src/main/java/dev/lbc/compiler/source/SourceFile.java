package dev.lbc.compiler.source;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one input file and its line table. Lines and columns are 1-based; columns count
 * Unicode code points, as SARIF and editors expect.
 *
 * @param displayPath the path as diagnostics show it (as the user typed it, with '/' separators)
 * @param text the decoded contents
 */
public record SourceFile(String displayPath, String text) {

  /** Returns the text of line {@code line} (1-based) without its terminator, or "" if absent. */
  public String line(int line) {
    List<String> lines = lines();
    return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
  }

  /** The lines of the file, split on \n, \r\n or \r. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    lines.add(text.substring(start));
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
