package dev.lbc.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: the repository root, running the CLI in-process, and bless mode. */
final class Repo {
  private Repo() {}

  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("golden")) && Files.isDirectory(p.resolve("examples"))) {
        return p.normalize();
      }
    }
    throw new IllegalStateException("cannot find the repository root from the working directory");
  }

  /** True when run with -Dlbc.bless=true: golden files are rewritten, never in CI. */
  static boolean bless() {
    return Boolean.parseBoolean(System.getProperty("lbc.bless", "false"))
        && System.getenv("CI") == null;
  }

  record Run(int exit, String out, String err) {}

  static Run lbc(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }
}
