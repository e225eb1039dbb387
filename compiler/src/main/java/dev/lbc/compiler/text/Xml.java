package dev.lbc.compiler.text;

/**
 * XML 1.0 escaping of user text (a deployment, service or file name, a diagnostic message), one
 * function per place in a document.
 */
public final class Xml {
  private Xml() {}

  /**
   * Escapes {@code s} for character data or an attribute value in either quote. Tab, line feed and
   * carriage return become character references: a parser turns them into spaces in an attribute
   * value when written raw, and drops a raw carriage return in text, so only the reference keeps
   * them. A character XML 1.0 cannot carry (most controls, a lone surrogate, U+FFFE, U+FFFF)
   * becomes U+FFFD, so the document stays well-formed whatever the input.
   */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\t' -> b.append("&#9;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                default -> appendLegal(b, cp);
              }
            });
    return b.toString();
  }

  /**
   * Makes {@code s} safe inside a comment ({@code <!-- ... -->}), where nothing is parsed, so no
   * reference would be read back: {@code --} may not occur there and the content may not end in
   * {@code -}, so a space goes between such hyphens and after a final one; characters XML cannot
   * carry become U+FFFD as in {@link #escape}.
   */
  public static String comment(String s) {
    StringBuilder b = new StringBuilder(s.length() + 4);
    s.codePoints()
        .forEach(
            cp -> {
              if (cp == '-' && b.length() > 0 && b.charAt(b.length() - 1) == '-') {
                b.append(' ');
              }
              appendLegal(b, cp);
            });
    if (b.length() > 0 && b.charAt(b.length() - 1) == '-') {
      b.append(' ');
    }
    return b.toString();
  }

  private static void appendLegal(StringBuilder b, int cp) {
    boolean legal =
        cp == 0x9
            || cp == 0xA
            || cp == 0xD
            || (cp >= 0x20 && cp <= 0xD7FF)
            || (cp >= 0xE000 && cp <= 0xFFFD)
            || cp >= 0x10000;
    b.appendCodePoint(legal ? cp : 0xFFFD);
  }
}
