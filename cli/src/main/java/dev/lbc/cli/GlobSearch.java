package dev.lbc.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The deployment files a quoted glob such as {@code 'examples/**.yaml'} names, for shells that do
 * not expand it: searched from the pattern's fixed folder, with the same rules as a folder search
 * ({@link InputSearch}).
 */
final class GlobSearch {
  private GlobSearch() {}

  static List<Path> glob(String pattern, List<String> exclude, List<Inputs.Problem> problems) {
    Predicate<Path> excluded = Excludes.of(exclude);
    String normalized = pattern.replace('\\', '/');
    int firstMeta = indexOfMeta(normalized);
    int slash = normalized.lastIndexOf('/', firstMeta);
    Path base = slash < 0 ? Path.of(".") : Path.of(normalized.substring(0, slash + 1));
    PathMatcher matcher = InputSearch.matcher(normalized, pattern);
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    List<Inputs.Problem> linksOut = new ArrayList<>();
    try (Stream<Path> s = Files.walk(base)) {
      List<Path> found =
          s.filter(p -> !Files.isDirectory(p))
              .filter(p -> !underSkippedFolder(base.relativize(p)))
              .filter(p -> matcher.matches(slash < 0 ? base.relativize(p) : p))
              .filter(p -> !excluded.test(base.relativize(p)))
              .filter(p -> !InputSearch.linksOut(base, p, linksOut))
              .sorted()
              .toList();
      problems.addAll(InputSearch.sorted(linksOut));
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether {@code rel}, a file's path below a glob's fixed folder, passes through a folder that a
   * search skips (hidden or a tool's), as a folder search would not enter it. The fixed part of the
   * pattern is the user's own choice and may name one.
   */
  private static boolean underSkippedFolder(Path rel) {
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      if (LbcFiles.skippedFolder(rel.getName(i).toString())) {
        return true;
      }
    }
    return false;
  }

  private static int indexOfMeta(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return s.length();
  }
}
