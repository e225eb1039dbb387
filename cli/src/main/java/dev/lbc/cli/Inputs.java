package dev.lbc.cli;

import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.source.SourceText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands the FILE arguments: files as given, directories recursively (deployment files only,
 * hidden folders and the project file {@code .lbc.yaml} skipped), and quoted globs such as {@code
 * 'examples/**.yaml'} for shells that do not expand them. Order is stable: arguments in order, each
 * directory's files sorted.
 */
final class Inputs {
  private Inputs() {}

  static List<Path> expand(List<String> args) {
    Set<Path> out = new LinkedHashSet<>();
    for (String arg : args) {
      if (arg.contains("*") || arg.contains("?") || arg.contains("[")) {
        List<Path> matches = glob(arg);
        if (matches.isEmpty()) {
          throw new Main.UsageError(arg + ": no file matches this pattern");
        }
        out.addAll(matches);
        continue;
      }
      Path p = Path.of(arg);
      if (Files.isDirectory(p)) {
        out.addAll(walk(p));
      } else {
        out.add(requireFile(p));
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * The deployment files under {@code dir}. An entry named like one that is not a regular file (a
   * FIFO, a dangling link or a link loop) is kept, so that reading it reports what it is rather
   * than lbc skipping it in silence.
   */
  private static List<Path> walk(Path dir) {
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
        display(p)
            + ": a symbolic link to a file outside "
            + display(root)
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

  private static List<Path> glob(String pattern) {
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

  /**
   * {@code p}, if it is a regular file; otherwise a usage error (exit 2) that says what it is
   * instead: missing, a directory, a FIFO or device (never opened, so nothing blocks), a link loop,
   * permission denied.
   */
  static Path requireFile(Path p) {
    String problem = SourceText.problem(p);
    if (problem != null) {
      throw new Main.UsageError(display(p) + ": " + problem);
    }
    return p;
  }

  /** The bytes of {@code p} (at most {@code limit + 1}), or a usage error that says why not. */
  static byte[] read(Path p, long limit) {
    try {
      return SourceText.read(p, limit);
    } catch (SourceText.Unreadable e) {
      throw new Main.UsageError(display(p) + ": " + e.getMessage());
    }
  }

  /** The path as diagnostics show it: as given, with '/' separators. */
  static String display(Path p) {
    return p.toString().replace('\\', '/');
  }
}
