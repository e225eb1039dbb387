package dev.lbc.testsupport;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Golden files: output compared byte for byte with a reviewed file under golden/ (or docs/), and
 * rewritten instead in bless mode. A mismatch fails with a unified diff and the command that
 * blesses; a golden file no test produces any more, or a case folder whose input is gone, fails as
 * orphaned, so that golden/ holds only what the tests check.
 */
public final class Golden {
  private Golden() {}

  /** The one command that rewrites every golden file (CONTRIBUTING.md, "Bless golden files"). */
  public static final String BLESS_COMMAND =
      "mvn -B -pl cli -am test -Dlbc.bless=true"
          + " -Dtest='GoldenDiagnosticsTest,GoldenDiffTest,BuildTest,CliTest,InitTest,"
          + "SchemaCommandTest,PreparedSchemaTest,PreparedRulesTest'"
          + " -Dsurefire.failIfNoSpecifiedTests=false";

  /** Diff lines shown at most; the rest is counted, not printed. */
  private static final int MAX_DIFF_LINES = 200;

  /**
   * True when run with {@code -Dlbc.bless=true}, and never when {@code CI} is set: CI checks the
   * golden files, it never rewrites them.
   */
  public static boolean blessing() {
    return Boolean.parseBoolean(System.getProperty("lbc.bless", "false"))
        && System.getenv("CI") == null;
  }

  /** {@code expected} holds exactly {@code actual} (UTF-8); in bless mode it is written. */
  public static void check(Path expected, String actual) {
    check(expected, actual, blessing());
  }

  /**
   * {@code folder} holds exactly {@code outputs} (path relative to the folder, with {@code /}, to
   * text) and otherwise only the files {@code isInput} accepts (relative paths too). In bless mode
   * the outputs are written and every other file that is not an input is deleted.
   */
  public static void checkFolder(
      Path folder, Map<String, String> outputs, Predicate<String> isInput) {
    checkFolder(folder, outputs, isInput, blessing());
  }

  /**
   * Every folder directly in {@code kind} (a case, e.g. golden/build/lab) is one {@code isCase}
   * accepts, because its input still exists; the others are orphaned: deleted in bless mode, a
   * failure otherwise.
   */
  public static void checkNoOrphans(Path kind, Predicate<Path> isCase) {
    checkNoOrphans(kind, isCase, blessing());
  }

  static void check(Path expected, String actual, boolean bless) {
    if (bless) {
      write(expected, actual);
      return;
    }
    String problem = compare(expected, actual);
    if (problem != null) {
      throw new AssertionError(problem + blessHint());
    }
  }

  static void checkFolder(
      Path folder, Map<String, String> outputs, Predicate<String> isInput, boolean bless) {
    List<String> orphans = new ArrayList<>();
    for (String f : files(folder)) {
      if (!isInput.test(f) && !outputs.containsKey(f)) {
        orphans.add(f);
      }
    }
    if (bless) {
      for (String f : orphans) {
        delete(folder.resolve(f));
      }
      outputs.forEach((f, text) -> write(folder.resolve(f), text));
      return;
    }
    List<String> problems = new ArrayList<>();
    for (String f : orphans) {
      problems.add(show(folder.resolve(f)) + " is orphaned: no test produces it any more");
    }
    for (Map.Entry<String, String> e : new TreeMap<>(outputs).entrySet()) {
      String problem = compare(folder.resolve(e.getKey()), e.getValue());
      if (problem != null) {
        problems.add(problem);
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems) + blessHint());
    }
  }

  static void checkNoOrphans(Path kind, Predicate<Path> isCase, boolean bless) {
    List<Path> orphans;
    try (Stream<Path> s = Files.list(kind)) {
      orphans = s.filter(Files::isDirectory).filter(isCase.negate()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bless) {
      orphans.forEach(Golden::delete);
      return;
    }
    if (!orphans.isEmpty()) {
      throw new AssertionError(
          "orphaned golden folders, whose input is gone: "
              + orphans.stream().map(Golden::show).toList()
              + " (blessing deletes them)"
              + blessHint());
    }
  }

  /** Why {@code expected} does not hold {@code actual}, or null when it does. */
  private static String compare(Path expected, String actual) {
    if (!Files.isRegularFile(expected)) {
      return show(expected) + " is missing (the test produced " + actual.length() + " chars)";
    }
    String golden;
    try {
      golden = Files.readString(expected, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (golden.equals(actual)) {
      return null;
    }
    return show(expected) + " differs from the output:\n" + diff(show(expected), golden, actual);
  }

  /** A unified diff, golden file first; a carriage return shows as \r, since it is invisible. */
  static String diff(String name, String golden, String actual) {
    List<String> a = List.of(golden.split("\n", -1));
    List<String> b = List.of(actual.split("\n", -1));
    Patch<String> patch = DiffUtils.diff(a, b);
    List<String> lines =
        UnifiedDiffUtils.generateUnifiedDiff(name + " (golden)", "(output)", a, patch, 3);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size() && i < MAX_DIFF_LINES; i++) {
      out.append(lines.get(i).replace("\r", "\\r")).append('\n');
    }
    if (lines.size() > MAX_DIFF_LINES) {
      out.append("... ").append(lines.size() - MAX_DIFF_LINES).append(" more diff lines\n");
    }
    return out.toString();
  }

  private static String blessHint() {
    return "\nIf the new output is right, bless it and review `git diff`:\n  " + BLESS_COMMAND;
  }

  /** Regular files below {@code folder}, relative, with {@code /}; none if it does not exist. */
  private static TreeSet<String> files(Path folder) {
    TreeSet<String> out = new TreeSet<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(folder)) {
      s.filter(Files::isRegularFile)
          .forEach(p -> out.add(folder.relativize(p).toString().replace('\\', '/')));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a file, or a folder with everything in it. */
  private static void delete(Path path) {
    try (Stream<Path> s = Files.walk(path)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A path as the reader finds it: relative to the repository when inside it. */
  private static String show(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      Path root = Repo.root();
      if (abs.startsWith(root)) {
        return root.relativize(abs).toString();
      }
    } catch (IllegalStateException outsideTheRepository) {
      // shown absolute
    }
    return abs.toString();
  }
}
