package dev.lbc.compiler.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file as it was on disk: its text for the readers (a leading UTF-8 byte order mark removed, as
 * every reader and {@code lbc fmt} skip it), whether it had the mark, and the line ending it uses.
 * Also the one place that reads input files and says, in plain words, why one cannot be read.
 *
 * @param file the text without the byte order mark
 * @param bom true if the bytes started with a UTF-8 byte order mark
 * @param lineEnding "\r\n" if the first line ends with CRLF, else "\n"
 */
public record SourceText(SourceFile file, boolean bom, String lineEnding) {
  private static final char BOM = '\uFEFF';

  /** The bytes are not UTF-8 text. */
  public static final class NotText extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotText() {
      super("the file is not valid UTF-8 text", null, false, false);
    }
  }

  /** A file that cannot be read; the message says why in plain words ("a directory"...). */
  public static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    public Unreadable(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Decodes strict UTF-8; throws {@link NotText} on malformed bytes. */
  public static SourceText decode(String displayPath, byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new NotText();
    }
    boolean bom = !text.isEmpty() && text.charAt(0) == BOM;
    if (bom) {
      text = text.substring(1);
    }
    int lf = text.indexOf('\n');
    boolean crlf = lf > 0 && text.charAt(lf - 1) == '\r' && text.lastIndexOf('\r', lf - 2) < 0;
    return new SourceText(new SourceFile(displayPath, text), bom, crlf ? "\r\n" : "\n");
  }

  /**
   * {@code lfText} (lines ending in LF) written the way this file was: with its byte order mark, if
   * it had one, and CRLF line endings if its first line ended so. A lone CR is written as LF.
   */
  public String restore(String lfText) {
    String body = lineEnding.equals("\n") ? lfText : lfText.replace("\n", lineEnding);
    return bom ? BOM + body : body;
  }

  /**
   * Reads at most {@code limit + 1} bytes of {@code path}, which must be a regular file: a FIFO or
   * a device is refused before it is opened, so reading never blocks.
   */
  public static byte[] read(Path path, long limit) throws Unreadable {
    String problem = problem(path);
    if (problem != null) {
      throw new Unreadable(problem);
    }
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    } catch (IOException e) {
      throw new Unreadable(reason(e));
    }
  }

  /** Why {@code path} is not a readable regular file, or null if it is one. */
  public static String problem(Path path) {
    if (path.toString().isEmpty()) {
      // Path.of("") is the current folder; an empty name is a script's unset variable
      return "an empty file name";
    }
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Files.isSymbolicLink(path)
          ? "a symbolic link to a missing file"
          : "no such file or directory";
    } catch (IOException e) {
      return reason(e);
    }
    if (a.isRegularFile()) {
      return null;
    }
    if (a.isDirectory()) {
      return "a directory, not a file";
    }
    return "not a regular file (" + kind(path) + ")";
  }

  /** What kind of special file {@code path} is: "a FIFO", "a character device"... */
  private static String kind(Path path) {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      return switch (mode & 0170000) {
        case 0010000 -> "a FIFO";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file";
    }
  }

  /** An I/O failure in plain words: "permission denied", "a symbolic link loop"... */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "a part of the path is not a directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      String r = fs.getReason();
      if (r.contains("symbolic links")) {
        return "a symbolic link loop";
      }
      if (r.contains("Not a directory")) {
        return "a part of the path is not a directory";
      }
      return r.isEmpty() ? "cannot be read" : Character.toLowerCase(r.charAt(0)) + r.substring(1);
    }
    return e.getMessage() == null ? "cannot be read" : e.getMessage();
  }

  /** True if {@code path} exists as an entry, even a dangling or looping link. */
  public static boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }
}
