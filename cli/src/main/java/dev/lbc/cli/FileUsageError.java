package dev.lbc.cli;

/**
 * A usage error about one file (an input that is missing or unreadable, a broken project file),
 * which knows the file, so that CI formats put the problem on it ({@link ProblemReport}).
 */
final class FileUsageError extends Main.UsageError {
  private static final long serialVersionUID = 1L;

  /** The file, as the user named it. */
  final String file;

  private FileUsageError(String file, String message) {
    super(message);
    this.file = file;
  }

  /** A problem with {@code file}: the message is "file: problem". */
  static FileUsageError inFile(String file, String problem) {
    return about(file, file + ": " + problem);
  }

  /** A problem with {@code file}, said by {@code message} (which names the file). */
  static FileUsageError about(String file, String message) {
    return new FileUsageError(file, message);
  }

  /** The file {@code e} is about, or null if it is not about one. */
  static String fileOf(Exception e) {
    return e instanceof FileUsageError f ? f.file : null;
  }
}
