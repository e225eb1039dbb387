package dev.lbc.backends.keepalived;

/**
 * Escaping for keepalived.conf. keepalived splits on white space, treats {@code #} and {@code !} as
 * comments, {@code { }} as blocks, {@code "} as quotes, a leading {@code @} as a host condition and
 * {@code $NAME=} as a definition. Validated values never contain these; a word that does is refused
 * (an internal error).
 */
final class KeepalivedQuoting {
  private KeepalivedQuoting() {}

  static String word(String value) {
    if (value.isEmpty()
        || value.startsWith("@")
        || value.startsWith("$")
        || !value.matches("[A-Za-z0-9._:/\\[\\]-]+")) {
      throw new IllegalArgumentException("value cannot be written to keepalived.conf: " + value);
    }
    return value;
  }

  /** Comment text on one line. */
  static String comment(String text) {
    return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
  }
}
