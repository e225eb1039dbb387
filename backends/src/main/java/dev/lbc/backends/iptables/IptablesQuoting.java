package dev.lbc.backends.iptables;

/**
 * Escaping for iptables-restore files. Arguments are addresses, ports and validated names; comments
 * are double-quoted, stripped of quotes, backslashes and control characters, and cut to 255 bytes
 * (the kernel truncates longer ones silently).
 */
final class IptablesQuoting {
  private IptablesQuoting() {}

  static final int MAX_COMMENT = 255;

  static String comment(String text) {
    String clean = text.replaceAll("[\\p{Cntrl}\"\\\\'`$\\u2028\\u2029]", " ");
    byte[] bytes = clean.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (bytes.length > MAX_COMMENT) {
      clean =
          new String(bytes, 0, MAX_COMMENT, java.nio.charset.StandardCharsets.UTF_8)
              .replace("\uFFFD", "");
    }
    return "\"" + clean + "\"";
  }

  static String arg(String value) {
    if (!value.matches("[A-Za-z0-9._:/,-]+")) {
      throw new IllegalArgumentException("value cannot be written to an iptables file: " + value);
    }
    return value;
  }
}
