package dev.lbc.cli;

import dev.lbc.compiler.source.SourceText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file the command could not read or write, said as a user problem (exit 2): the file and what
 * the system answered. A missing folder, a full disk, a read-only or foreign-owned folder or a
 * dangling link is the machine's state, not a bug in lbc.
 */
final class FileProblem {
  private FileProblem() {}

  /** What went wrong with a file, if {@code e} is a file problem; null if it is not one. */
  static String of(Exception e) {
    if (e instanceof IOException io) {
      return describe(io);
    }
    return e instanceof UncheckedIOException u ? describe(u.getCause()) : null;
  }

  static String describe(IOException e) {
    if (e instanceof FileAlreadyExistsException f && f.getFile() != null) {
      boolean link = Files.isSymbolicLink(Path.of(f.getFile()));
      return f.getFile()
          + ": already exists"
          + (link
              ? " as a symbolic link that leads nowhere; remove it or choose another path"
              : "");
    }
    if (e instanceof FileSystemException f && f.getFile() != null) {
      String reason =
          f.getReason() == null || f.getReason().isBlank()
              ? SourceText.reason(e).replace("cannot be read", "cannot be read or written")
              : SourceText.reason(e);
      return f.getFile() + ": " + reason;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
