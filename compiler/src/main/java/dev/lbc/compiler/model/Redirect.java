package dev.lbc.compiler.model;

/** Redirect target of a redirect service. */
public enum Redirect implements Keyword {
  HTTPS
}
