package dev.lbc.compiler.model;

/** Balancing algorithm. */
public enum Balance implements Keyword {
  WEIGHTED_ROUND_ROBIN,
  ROUND_ROBIN,
  LEAST_CONNECTION,
  WEIGHTED_LEAST_CONNECTION
}
