package dev.lbc.cli;

import dev.lbc.compiler.pipeline.Syntax;
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
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new Main.UsageError(arg + ": no such file or directory");
      }
    }
    return new ArrayList<>(out);
  }

  private static List<Path> walk(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> isDeployment(dir, p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
      return s.filter(Files::isRegularFile)
          .filter(p -> matcher.matches(slash < 0 ? base.relativize(p) : p))
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

  /** The path as diagnostics show it: as given, with '/' separators. */
  static String display(Path p) {
    return p.toString().replace('\\', '/');
  }
}
