package dev.lbc.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository a test runs in. */
public final class Repo {
  private Repo() {}

  /**
   * The repository's root: the nearest folder at or above the working directory that holds both
   * golden/ and examples/ (Maven runs a module's tests in the module's folder, an IDE maybe at the
   * root).
   */
  public static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("golden")) && Files.isDirectory(p.resolve("examples"))) {
        return p.normalize();
      }
    }
    throw new IllegalStateException(
        "no folder with golden/ and examples/ at or above " + Path.of("").toAbsolutePath());
  }
}
