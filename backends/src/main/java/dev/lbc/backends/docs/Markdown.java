package dev.lbc.backends.docs;

/**
 * Escaping for Markdown text inside a line (table cells, titles): characters that would format,
 * link or break a table are backslash-escaped.
 */
final class Markdown {
  private Markdown() {}

  static String text(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if ("\\`*_{}[]#|<>~".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c < 0x20 ? ' ' : c);
    }
    return b.toString();
  }

  /** Inline code: backquotes cannot occur in validated values; refuse them if they do. */
  static String code(String s) {
    if (s.indexOf('`') >= 0 || s.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("value cannot be shown as code: " + s);
    }
    return "`" + s + "`";
  }
}
