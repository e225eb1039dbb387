package dev.lbc.compiler.model;

/** Layer 7 protocol: TCP passes bytes, HTTP parses requests (needed for X-Forwarded-For). */
public enum Protocol implements Keyword {
  TCP,
  HTTP
}
