package dev.lbc.cli;

import dev.lbc.compiler.source.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The FILE arguments, expanded: files as given, directories recursively and quoted globs such as
 * {@code 'examples/**.yaml'} for shells that do not expand them ({@link InputSearch}). Order is
 * stable: arguments in order, each directory's files sorted. Also how every command checks, reads
 * and names an input file.
 */
final class Inputs {
  private Inputs() {}

  static List<Path> expand(List<String> args) {
    Set<Path> out = new LinkedHashSet<>();
    for (String arg : args) {
      if (arg.contains("*") || arg.contains("?") || arg.contains("[")) {
        List<Path> matches = InputSearch.glob(arg);
        if (matches.isEmpty()) {
          throw new Main.UsageError(arg + ": no file matches this pattern");
        }
        out.addAll(matches);
        continue;
      }
      Path p = Path.of(arg);
      if (Files.isDirectory(p)) {
        List<Path> found = InputSearch.walk(p);
        if (found.isEmpty()) {
          // a mistyped folder in CI must not pass as "0 files checked"
          throw new Main.UsageError(
              arg + ": no deployment file (.yaml, .yml, .lbc) in this folder");
        }
        out.addAll(found);
      } else {
        out.add(requireFile(p));
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * {@code p}, if it is a regular file; otherwise a usage error (exit 2) that says what it is
   * instead: missing, a directory, a FIFO or device (never opened, so nothing blocks), a link loop,
   * permission denied.
   */
  static Path requireFile(Path p) {
    String problem = SourceText.problem(p);
    if (problem != null) {
      throw FileUsageError.inFile(display(p), problem);
    }
    return p;
  }

  /** The bytes of {@code p} (at most {@code limit + 1}), or a usage error that says why not. */
  static byte[] read(Path p, long limit) {
    try {
      return SourceText.read(p, limit);
    } catch (SourceText.Unreadable e) {
      throw FileUsageError.inFile(display(p), e.getMessage());
    }
  }

  /** The path as diagnostics show it: as given, with '/' separators. */
  static String display(Path p) {
    return p.toString().replace('\\', '/');
  }
}
