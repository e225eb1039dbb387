package dev.lbc.cli;

/**
 * Small tokenizers, one per output language, that count what a tool would see as separate
 * directives, rules, records or statements. A value that stays data never changes the count.
 */
final class Tokens {
  private Tokens() {}

  static int count(String path, String text) {
    if (path.endsWith("haproxy.cfg") || path.endsWith("sysctl.conf")) {
      return lines(text, "#");
    }
    if (path.endsWith("keepalived.conf")) {
      text = asKeepalivedReadsIt(text);
      int braces = 0;
      for (String line : text.split("\n")) {
        String code = line.replaceAll("[#!].*$", "");
        braces += code.chars().filter(c -> c == '{' || c == '}').count();
      }
      return lines(text, "#") * 1000 + braces;
    }
    if (path.endsWith(".rules")) {
      return (int)
          text.lines()
              .filter(
                  l ->
                      l.startsWith("-A ")
                          || l.startsWith(":")
                          || l.startsWith("*")
                          || l.equals("COMMIT"))
              .count();
    }
    if (path.endsWith(".ps1")) {
      return powershellStatements(text);
    }
    if (path.endsWith(".cmd")) {
      return lines(text, "rem ");
    }
    if (path.endsWith(".zone")) {
      return lines(text, ";");
    }
    if (path.endsWith(".svg")) {
      return (int) text.chars().filter(c -> c == '<').count();
    }
    if (path.endsWith(".md")) {
      // An HTML comment that a value closed early would let the rest render as Markdown.
      return (int) text.lines().count()
          + 1000 * (occurrences(text, "<!--") + occurrences(text, "-->"));
    }
    return (int) text.lines().count();
  }

  private static int occurrences(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * keepalived reads its configuration in pieces of at most 1,023 bytes (a 1,024-byte fgets
   * buffer), so the rest of a longer line, even a comment's, is read as a line of its own.
   */
  static String asKeepalivedReadsIt(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (int i = 0; i < bytes.length || i == 0; i += 1023) {
        out.append(
                new String(
                    bytes,
                    i,
                    Math.min(1023, bytes.length - i),
                    java.nio.charset.StandardCharsets.UTF_8))
            .append('\n');
        if (bytes.length == 0) {
          break;
        }
      }
    }
    return out.toString();
  }

  private static int lines(String text, String comment) {
    return (int)
        text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith(comment)).count();
  }

  /**
   * PowerShell lines outside string literals, with single-quoted strings (doubled quotes and the
   * typographic quotes U+2018-U+201B as quotes) skipped: a value that broke out of its literal
   * would change where statements end.
   */
  private static int powershellStatements(String text) {
    int statements = 0;
    boolean inString = false;
    boolean code = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean quote = c == '\'' || (c >= '\u2018' && c <= '\u201B');
      if (inString) {
        if (quote) {
          char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
          if (next == '\'' || (next >= '\u2018' && next <= '\u201B')) {
            i++;
          } else {
            inString = false;
          }
        }
        continue;
      }
      if (quote) {
        inString = true;
        code = true;
      } else if (c == '#' && !code) {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
        i--;
      } else if (c == '\n' || c == ';') {
        statements += code ? 1 : 0;
        code = false;
      } else if (!Character.isWhitespace(c)) {
        code = true;
      }
    }
    return statements;
  }
}
