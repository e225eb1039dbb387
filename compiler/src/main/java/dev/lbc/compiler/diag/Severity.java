package dev.lbc.compiler.diag;

import java.util.Locale;

/** How serious a diagnostic is. Errors fail {@code lint} and {@code build}; warnings do not. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** The lower-case word used in text output and configuration ({@code error}). */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code error}, {@code warning} or {@code info}; null if none matches. */
  public static Severity parse(String word) {
    for (Severity s : values()) {
      if (s.word().equals(word)) {
        return s;
      }
    }
    return null;
  }
}
