package dev.lbc.compiler.model;

import java.util.Locale;

/** An enum whose constants are written as lower-case words with dashes ({@code https-get}). */
public interface Keyword {
  String name();

  /** The word as written in YAML and the DSL. */
  default String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant written as {@code word}; the schema has checked it exists. */
  static <E extends Enum<E> & Keyword> E of(Class<E> type, String word) {
    for (E e : type.getEnumConstants()) {
      if (e.word().equals(word)) {
        return e;
      }
    }
    throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + word);
  }
}
