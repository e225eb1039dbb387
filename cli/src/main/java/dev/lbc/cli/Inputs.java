package dev.lbc.cli;

import dev.lbc.compiler.source.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FILE arguments, expanded: files as given, {@code -} for standard input, directories
 * recursively and quoted globs such as {@code 'examples/**.yaml'} for shells that do not expand
 * them ({@link InputSearch}). Order is stable: arguments in order, each directory's files sorted.
 * Also how every command checks, reads and names an input file.
 */
final class Inputs {
  /** The argument {@code -}: standard input. */
  static final Path STDIN = Path.of("-");

  private Inputs() {}

  /**
   * What the arguments name: the files found, and for each argument that names none (a missing
   * file, a folder without deployments, a glob that matches nothing) a sentence saying so.
   */
  record Expansion(List<Path> files, List<Problem> problems) {}

  /** An argument that names no file, and why. */
  record Problem(String input, String reason) {
    String sentence() {
      return input + ": " + reason;
    }
  }

  /** The arguments expanded; the first argument that names no file is a usage error. */
  static List<Path> expand(List<String> args) {
    Expansion e = expand(args, List.of());
    if (!e.problems().isEmpty()) {
      throw new Main.UsageError(e.problems().get(0).sentence());
    }
    return e.files();
  }

  static Expansion expand(List<String> args, List<String> exclude) {
    // keyed by the file, not the spelling: x.yaml, ./x.yaml and /abs/x.yaml are linted once
    Map<Path, Path> out = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (String arg : args) {
      int before = problems.size();
      List<Path> found = expandOne(arg, exclude, problems);
      if (found.isEmpty() && problems.size() == before) {
        problems.add(problem(arg));
      }
      for (Path p : found) {
        out.putIfAbsent(p == STDIN ? STDIN : p.toAbsolutePath().normalize(), p);
      }
    }
    return new Expansion(new ArrayList<>(out.values()), problems);
  }

  private static List<Path> expandOne(String arg, List<String> exclude, List<Problem> problems) {
    if (arg.equals("-")) {
      return List.of(STDIN);
    }
    if (arg.contains("*") || arg.contains("?") || arg.contains("[")) {
      return GlobSearch.glob(arg, exclude, problems);
    }
    Path p = Path.of(arg);
    if (!arg.isEmpty() && Files.isDirectory(p)) {
      return InputSearch.walk(p, exclude, problems);
    }
    return SourceText.problem(p) == null ? List.of(p) : List.of();
  }

  private static Problem problem(String arg) {
    if (arg.contains("*") || arg.contains("?") || arg.contains("[")) {
      return new Problem(arg, "no file matches this pattern");
    }
    Path p = Path.of(arg);
    if (!arg.isEmpty() && Files.isDirectory(p)) {
      // a mistyped folder in CI must not pass as "0 files checked"
      return new Problem(
          arg,
          "no deployment file in this folder (*.lbc, *.lbc.yaml, or YAML whose first key is"
              + " `lbc:`)");
    }
    return new Problem(display(p), SourceText.problem(p));
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

  /** The path as diagnostics show it: as given, with '/' separators; an empty one as ''. */
  static String display(Path p) {
    String s = p.toString();
    return s.isEmpty() ? "''" : s.replace('\\', '/');
  }
}
