package dev.lbc.backends.windows;

/** Escaping for the server scripts: PowerShell single-quoted strings, cmd and sh arguments. */
public final class WindowsQuoting {
  private WindowsQuoting() {}

  /**
   * A PowerShell single-quoted string. Inside one, PowerShell treats ' and the typographic quotes
   * U+2018-U+201B alike, and a doubled quote is one literal quote (as its own
   * EscapeSingleQuotedStringContent does); nothing else is special.
   */
  public static String ps(String value) {
    StringBuilder b = new StringBuilder("'");
    value
        .codePoints()
        .forEach(
            cp -> {
              if (cp == '\'' || (cp >= 0x2018 && cp <= 0x201B)) {
                b.appendCodePoint(cp);
              }
              if (cp == '\r' || cp == '\n' || cp == 0) {
                throw new IllegalArgumentException("line break in a PowerShell string: " + value);
              }
              b.appendCodePoint(cp);
            });
    return b.append('\'').toString();
  }

  /**
   * A cmd argument in double quotes. cmd has no escape inside quotes for ", and expands % and !
   * (with delayed expansion) even there, so such values are refused; validated adapter names never
   * hold them.
   */
  public static String cmd(String value) {
    if (!value.matches("[A-Za-z0-9 ._()/:-]+")) {
      throw new IllegalArgumentException("value cannot be written to a cmd script: " + value);
    }
    return "\"" + value + "\"";
  }

  /** A POSIX shell word in single quotes. */
  public static String sh(String value) {
    if (value.indexOf('\0') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("line break in a shell word: " + value);
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
