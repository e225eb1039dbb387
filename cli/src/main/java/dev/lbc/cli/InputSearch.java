package dev.lbc.cli;

import dev.lbc.compiler.pipeline.Syntax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * The deployment files a folder or a glob names: hidden folders and the project file {@code
 * .lbc.yaml} skipped, never a link out of the folder searched, sorted.
 */
final class InputSearch {
  private InputSearch() {}

  /**
   * The deployment files under {@code dir}. An entry named like one that is not a regular file (a
   * FIFO, a dangling link or a link loop) is kept, so that reading it reports what it is rather
   * than lbc skipping it in silence.
   */
  static List<Path> walk(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !Files.isDirectory(p))
          .filter(p -> isDeployment(dir, p))
          .map(p -> refuseLinkOut(dir, p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code p}, found by walking {@code root}, unless it is a symbolic link to a file outside {@code
   * root}: lint runs on untrusted pull requests, and a link such as {@code evil.yaml ->
   * /etc/shadow} would otherwise have lbc quote that file's lines in its diagnostics. A file named
   * on the command line is followed: its name was chosen by whoever runs lbc.
   */
  private static Path refuseLinkOut(Path root, Path p) {
    if (!Files.isSymbolicLink(p)) {
      return p;
    }
    Path real;
    try {
      real = p.toRealPath();
    } catch (IOException e) {
      return p; // dangling or a loop: reading it says so
    }
    try {
      if (real.startsWith(root.toRealPath())) {
        return p;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new Main.UsageError(
        Inputs.display(p)
            + ": a symbolic link to a file outside "
            + Inputs.display(root)
            + "; lbc does not follow links out of a folder it searches, so that no file outside it"
            + " is quoted. Name the file itself to lint it.");
  }

  private static boolean isDeployment(Path root, Path p) {
    Path rel = root.relativize(p);
    for (Path part : rel) {
      if (part.toString().startsWith(".")) {
        return false;
      }
    }
    return Syntax.of(p.getFileName().toString()) != null;
  }

  static List<Path> glob(String pattern) {
    String normalized = pattern.replace('\\', '/');
    int firstMeta = indexOfMeta(normalized);
    int slash = normalized.lastIndexOf('/', firstMeta);
    Path base = slash < 0 ? Path.of(".") : Path.of(normalized.substring(0, slash + 1));
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + normalized);
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(base)) {
      return s.filter(p -> !Files.isDirectory(p))
          .filter(p -> matcher.matches(slash < 0 ? base.relativize(p) : p))
          .map(p -> refuseLinkOut(base, p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
