package dev.lbc.compiler.pipeline;

import java.util.Locale;

/** The two surface syntaxes, chosen by file name. */
public enum Syntax {
  YAML,
  DSL;

  /** {@code .lbc} is the DSL; {@code .yaml} and {@code .yml} are YAML; anything else is null. */
  public static Syntax of(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".lbc")) {
      return DSL;
    }
    if (n.endsWith(".yaml") || n.endsWith(".yml")) {
      return YAML;
    }
    return null;
  }
}
