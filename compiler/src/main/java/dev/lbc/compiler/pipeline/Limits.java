package dev.lbc.compiler.pipeline;

/**
 * Input limits (LBC005). lbc lints untrusted files on pull requests, so each front end refuses
 * oversized or pathological input before doing real work. The numbers leave ample room for the
 * largest real deployment: 10,000 services fit in well under 1 MiB of DSL.
 */
public final class Limits {
  private Limits() {}

  /** Bytes per file, checked before any parsing. */
  public static final int MAX_FILE_BYTES = 1024 * 1024;

  /** Nesting of YAML collections or DSL blocks. */
  public static final int MAX_DEPTH = 32;

  /** YAML aliases per file. */
  public static final int MAX_ALIASES = 20;

  /** Data-tree nodes per file after alias expansion. */
  public static final int MAX_NODES = 200_000;

  /** Syntax errors reported per file before the front end gives up. */
  public static final int MAX_SYNTAX_ERRORS = 25;
}
