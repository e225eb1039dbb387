package dev.lbc.compiler.model;

/** Session affinity. */
public enum Persistence implements Keyword {
  NONE,
  SOURCE_IP,
  COOKIE
}
