package dev.lbc.cli;

import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code --exclude} patterns of a folder or glob search, tested against a path relative to
 * where the search started. A pattern without '/' matches a file or folder name at any depth; one
 * with '/' matches the relative path. A class and a loop rather than lambdas over a stream: linking
 * their call sites and the stream's classes was half of a cold lint's folder walk (CPU, profiled),
 * paid by every folder lint, most of them without a pattern (docs/performance.md, "Cold lint",
 * round 11).
 */
record Excludes(List<PathMatcher> byPath, List<PathMatcher> byName) implements Predicate<Path> {

  /** The patterns as given on the command line; a malformed one is a usage error. */
  static Excludes of(List<String> patterns) {
    List<PathMatcher> byPath = new ArrayList<>();
    List<PathMatcher> byName = new ArrayList<>();
    for (String pattern : patterns) {
      String glob = pattern.replace('\\', '/');
      (glob.contains("/") ? byPath : byName).add(InputSearch.matcher(glob, "--exclude " + pattern));
    }
    return new Excludes(List.copyOf(byPath), List.copyOf(byName));
  }

  @Override
  public boolean test(Path rel) {
    for (PathMatcher m : byPath) {
      if (m.matches(rel)) {
        return true;
      }
    }
    for (PathMatcher m : byName) {
      if (m.matches(rel.getFileName())) {
        return true;
      }
    }
    return false;
  }
}
