package dev.lbc.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Whether a YAML file's first key is {@code lbc:}: how a folder search tells a deployment from the
 * other YAML a repository holds ({@link LbcFiles}).
 */
final class FirstKey {
  private FirstKey() {}

  /**
   * Whether the first line of {@code text} that is not blank, a comment, a document marker or a
   * directive is the key {@code lbc:}.
   */
  static boolean isLbc(String text) {
    try {
      return isLbc(new ByteArrayInputStream(text.getBytes(UTF_8)), Integer.MAX_VALUE);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayInputStream does not fail
    }
  }

  /**
   * {@link #isLbc(String)} of what {@code in} holds as UTF-8, read in blocks up to the first
   * content line and never past {@code maxBytes}: a file of one huge line is not held in memory.
   * Lines are found in the bytes (CR and LF are never part of a longer UTF-8 sequence) and only
   * they are decoded: a folder search sniffs every YAML file in it, and reading them a character at
   * a time through a Reader was a tenth of linting every example (docs/performance.md).
   */
  static boolean isLbc(InputStream in, int maxBytes) throws IOException {
    long limit = maxBytes + 1L; // as many bytes as were ever looked at: one past the limit
    byte[] head = new byte[(int) Math.min(8192, limit)];
    int filled = 0;
    int lineStart = 0;
    while (true) {
      if (filled == head.length) {
        if (filled >= limit) {
          return false;
        }
        head = Arrays.copyOf(head, (int) Math.min(Math.min(2L * filled, limit), MAX_ARRAY));
      }
      int got = in.read(head, filled, head.length - filled);
      if (got == -1) {
        Boolean decided = firstKeyIsLbc(new String(head, lineStart, filled - lineStart, UTF_8));
        return decided != null && decided;
      }
      for (int i = filled; i < filled + got; i++) {
        if (head[i] == '\n' || head[i] == '\r') {
          Boolean decided = firstKeyIsLbc(new String(head, lineStart, i - lineStart, UTF_8));
          if (decided != null) {
            return decided;
          }
          lineStart = i + 1;
        }
      }
      filled += got;
    }
  }

  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  /**
   * For one line: null if it is blank, a comment, a document marker or a directive (look further),
   * else whether it is the key {@code lbc:}.
   */
  private static Boolean firstKeyIsLbc(String raw) {
    String line = raw.replace("\uFEFF", "");
    String t = line.strip();
    if (t.isEmpty() || t.startsWith("#") || t.equals("---") || t.startsWith("%")) {
      return null;
    }
    return isLbcKey(line);
  }

  /**
   * Whether {@code line} is {@code lbc}, {@code "lbc"} or {@code 'lbc'}, spaces, a colon and the
   * rest of one line: what the pattern {@code (lbc|"lbc"|'lbc')\s*:.*} matched, written out because
   * compiling it was most of this class's start.
   */
  private static boolean isLbcKey(String line) {
    for (String key : LBC_KEYS) {
      if (line.startsWith(key)) {
        int i = key.length();
        while (i < line.length() && " \t\u000B\f".indexOf(line.charAt(i)) >= 0) {
          i++;
        }
        if (i == line.length() || line.charAt(i) != ':') {
          return false;
        }
        // the pattern's . matched no line terminator; CR and LF already ended the line
        for (int j = i + 1; j < line.length(); j++) {
          char c = line.charAt(j);
          if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  private static final List<String> LBC_KEYS = List.of("lbc", "\"lbc\"", "'lbc'");
}
