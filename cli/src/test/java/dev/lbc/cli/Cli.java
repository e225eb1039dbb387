package dev.lbc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test helper: the command line run in-process, as a user would type it. */
final class Cli {
  private Cli() {}

  record Run(int exit, String out, String err) {}

  static Run lbc(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * A fresh folder for one case of a property test, below one folder per test JVM that is deleted
   * when the JVM exits (a property runs thousands of cases, and JUnit's {@code @TempDir} is one per
   * test method). Properties that make thousands delete each case's folder too: the exit hook has
   * only the seconds Surefire gives a finished fork.
   */
  static Path tempDir(String prefix) throws IOException {
    return Files.createTempDirectory(Scratch.ROOT, prefix);
  }

  private static final class Scratch {
    static final Path ROOT = create();

    private static Path create() {
      try {
        Path root = Files.createTempDirectory("lbc-tests");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
        return root;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Deletes {@code root} and everything below it, as far as it can: best effort, never a failure.
   */
  static void deleteTree(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a folder left in /tmp is no test failure
    }
  }
}
