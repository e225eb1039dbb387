package dev.lbc.compiler.source;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lines of a text, indexed once. LF, CRLF and a lone CR each end a line, as YAML 1.2 §5.4 says;
 * every reader, the suppression scanner, the renderers and {@code lbc fmt} count lines through this
 * class, so a position means the same line everywhere. Lines and columns are 1-based; columns count
 * code points.
 *
 * <p>Lookups never walk the text from its start: a line is found by binary search over the line
 * starts, and a column inside a long line by a per-line table of every {@value #STRIDE}th code
 * point, built only for lines that hold characters outside the BMP. That keeps rendering any number
 * of diagnostics linear in their count, even on a single 1 MiB line.
 */
public final class LineIndex {
  private static final int STRIDE = 64;

  private final String text;

  /** Offset (in chars) of the first character of each line. */
  private final int[] starts;

  /** Offset (in chars) just past the last character of each line, before its line ending. */
  private final int[] ends;

  /** For lines holding surrogate pairs: the char offset of every STRIDE-th code point. */
  private final ConcurrentHashMap<Integer, int[]> strides = new ConcurrentHashMap<>();

  private final boolean surrogates;

  private LineIndex(String text, int[] starts, int[] ends, boolean surrogates) {
    this.text = text;
    this.starts = starts;
    this.ends = ends;
    this.surrogates = surrogates;
  }

  /** Indexes {@code text} in one pass. */
  public static LineIndex of(String text) {
    int[] starts = new int[16];
    int[] ends = new int[16];
    int count = 0;
    int start = 0;
    boolean surrogates = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        if (count + 1 >= starts.length) {
          starts = Arrays.copyOf(starts, starts.length * 2);
          ends = Arrays.copyOf(ends, ends.length * 2);
        }
        starts[count] = start;
        ends[count] = i;
        count++;
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      } else if (Character.isSurrogate(c)) {
        surrogates = true;
      }
    }
    if (count + 1 > starts.length) {
      starts = Arrays.copyOf(starts, count + 1);
      ends = Arrays.copyOf(ends, count + 1);
    }
    starts[count] = start;
    ends[count] = text.length();
    count++;
    return new LineIndex(
        text, Arrays.copyOf(starts, count), Arrays.copyOf(ends, count), surrogates);
  }

  /** The number of lines; a text ending in a line break has an empty last line. */
  public int lineCount() {
    return starts.length;
  }

  /** Line {@code line} without its line ending, or "" if there is no such line. */
  public String line(int line) {
    return has(line) ? text.substring(starts[line - 1], ends[line - 1]) : "";
  }

  /** True if {@code line} is a line of the text. */
  public boolean has(int line) {
    return line >= 1 && line <= starts.length;
  }

  /** Length of {@code line} in code points. */
  public int length(int line) {
    if (!has(line)) {
      return 0;
    }
    int from = starts[line - 1];
    int to = ends[line - 1];
    if (!surrogates) {
      return to - from;
    }
    int[] table = stride(line);
    int last = (table.length - 1) * STRIDE;
    return last + Character.codePointCount(text, table[table.length - 1], to);
  }

  /**
   * The code points of {@code line} from column {@code from} up to (not including) column {@code
   * to}, clamped to the line.
   */
  public String slice(int line, int from, int to) {
    if (!has(line)) {
      return "";
    }
    int a = offset(line, Math.max(1, from));
    int b = offset(line, Math.max(from, to));
    return text.substring(a, b);
  }

  /** The char offset of code-point column {@code column} of {@code line}, clamped to the line. */
  public int offset(int line, int column) {
    int from = starts[line - 1];
    int to = ends[line - 1];
    int n = Math.max(0, column - 1);
    if (!surrogates) {
      return Math.min(to, from + n);
    }
    int[] table = stride(line);
    int k = Math.min(n / STRIDE, table.length - 1);
    int at = table[k];
    for (int left = n - k * STRIDE; left > 0 && at < to; left--) {
      at +=
          Character.isHighSurrogate(text.charAt(at))
                  && at + 1 < to
                  && Character.isLowSurrogate(text.charAt(at + 1))
              ? 2
              : 1;
    }
    return at;
  }

  /** The 1-based line holding char offset {@code offset}. */
  public int lineOf(int offset) {
    int i = Arrays.binarySearch(starts, offset);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** The 1-based code-point column of char offset {@code offset} on its line. */
  public int columnOf(int offset) {
    int line = lineOf(offset);
    int from = starts[line - 1];
    int at = Math.min(offset, ends[line - 1]);
    if (!surrogates) {
      return at - from + 1;
    }
    int[] table = stride(line);
    int k = Arrays.binarySearch(table, at);
    k = k >= 0 ? k : -k - 2;
    return k * STRIDE + Character.codePointCount(text, table[k], at) + 1;
  }

  private int[] stride(int line) {
    return strides.computeIfAbsent(
        line,
        l -> {
          int from = starts[l - 1];
          int to = ends[l - 1];
          int[] table = new int[(to - from) / STRIDE + 1];
          int n = 0;
          int at = from;
          int count = 0;
          while (at < to) {
            if (n % STRIDE == 0) {
              table[count++] = at;
            }
            at += Character.charCount(text.codePointAt(at));
            n++;
          }
          if (n % STRIDE == 0) {
            table[count++] = at;
          }
          return Arrays.copyOf(table, Math.max(1, count));
        });
  }

  /** The text with every line ending written as LF; lines and columns are unchanged. */
  public String withLf() {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < starts.length; i++) {
      if (i > 0) {
        b.append('\n');
      }
      b.append(text, starts[i], ends[i]);
    }
    return b.toString();
  }
}
