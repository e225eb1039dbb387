package dev.lbc.backends.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, as {@code diff -u} prints it, with three lines of context. A longest
 * common subsequence after trimming the common head and tail: generated files are a few thousand
 * lines at most and a change touches few of them, so the quadratic middle stays small. Written here
 * rather than taken from a library because main code must not depend on test-support and the need
 * is forty lines.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  /**
   * Marks a last line without a line end, so that it differs from the same line with one, and is
   * printed as {@code diff -u} prints it.
   */
  private static final String NO_EOL = "\u0000no-eol";

  /** Lines compared at most in the quadratic middle; beyond it the middle is replaced whole. */
  private static final int MAX_CELLS = 25_000_000;

  private UnifiedDiff() {}

  /**
   * The diff of {@code before} and {@code after} under headers {@code a/path} and {@code b/path}.
   */
  public static String of(String path, String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<String> ops = edits(a, b);
    StringBuilder out = new StringBuilder();
    // an absolute path keeps one '/' after a/ and b/, as git writes it
    String rel = path.replaceFirst("^/+", "");
    out.append("--- ").append(before.isEmpty() ? "/dev/null" : "a/" + rel).append('\n');
    out.append("+++ ").append(after.isEmpty() ? "/dev/null" : "b/" + rel).append('\n');
    int i = 0;
    while (i < ops.size()) {
      if (ops.get(i).charAt(0) == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      // extend the hunk while the next change is within two contexts
      int j = i;
      while (j < ops.size()) {
        if (ops.get(j).charAt(0) != ' ') {
          end = j + 1;
          j++;
        } else if (j - end <= 2 * CONTEXT) {
          j++;
        } else {
          break;
        }
      }
      int stop = Math.min(ops.size(), end + CONTEXT);
      out.append(hunk(ops, start, stop));
      i = stop;
    }
    return out.toString();
  }

  private static String hunk(List<String> ops, int start, int stop) {
    int aStart = 1;
    int bStart = 1;
    for (int k = 0; k < start; k++) {
      char c = ops.get(k).charAt(0);
      aStart += c != '+' ? 1 : 0;
      bStart += c != '-' ? 1 : 0;
    }
    int aLen = 0;
    int bLen = 0;
    StringBuilder body = new StringBuilder();
    for (int k = start; k < stop; k++) {
      String op = ops.get(k);
      aLen += op.charAt(0) != '+' ? 1 : 0;
      bLen += op.charAt(0) != '-' ? 1 : 0;
      if (op.endsWith(NO_EOL)) {
        body.append(op, 0, op.length() - NO_EOL.length())
            .append("\n\\ No newline at end of file\n");
      } else {
        body.append(op).append('\n');
      }
    }
    return "@@ -"
        + range(aLen == 0 ? aStart - 1 : aStart, aLen)
        + " +"
        + range(bLen == 0 ? bStart - 1 : bStart, bLen)
        + " @@\n"
        + body;
  }

  private static String range(int start, int len) {
    return len == 1 ? String.valueOf(start) : start + "," + len;
  }

  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text + NO_EOL;
    return List.of(t.split("\n", -1));
  }

  /** Every line of both as an edit: " line", "-line" or "+line", in order. */
  static List<String> edits(List<String> a, List<String> b) {
    int head = 0;
    while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
      head++;
    }
    int tail = 0;
    while (tail < a.size() - head
        && tail < b.size() - head
        && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
      tail++;
    }
    List<String> ops = new ArrayList<>();
    for (int k = 0; k < head; k++) {
      ops.add(" " + a.get(k));
    }
    List<String> am = a.subList(head, a.size() - tail);
    List<String> bm = b.subList(head, b.size() - tail);
    if ((long) am.size() * bm.size() > MAX_CELLS) {
      am.forEach(l -> ops.add("-" + l));
      bm.forEach(l -> ops.add("+" + l));
    } else {
      ops.addAll(lcs(am, bm));
    }
    for (int k = a.size() - tail; k < a.size(); k++) {
      ops.add(" " + a.get(k));
    }
    return ops;
  }

  private static List<String> lcs(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] len = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        len[i][j] =
            a.get(i).equals(b.get(j))
                ? len[i + 1][j + 1] + 1
                : Math.max(len[i + 1][j], len[i][j + 1]);
      }
    }
    List<String> ops = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (a.get(i).equals(b.get(j))) {
        ops.add(" " + a.get(i++));
        j++;
      } else if (len[i + 1][j] >= len[i][j + 1]) {
        ops.add("-" + a.get(i++));
      } else {
        ops.add("+" + b.get(j++));
      }
    }
    while (i < n) {
      ops.add("-" + a.get(i++));
    }
    while (j < m) {
      ops.add("+" + b.get(j++));
    }
    return ops;
  }
}
