package dev.lbc.compiler.diag;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Helpers for writing diagnostic messages that quote user text safely. */
public final class Messages {
  private Messages() {}

  private static final int MAX_QUOTED = 60;

  /**
   * User text as a message shows it: control and format characters escaped as {@code \\uXXXX}, cut
   * at 60 code points with an ellipsis, inside backquotes. A hostile value cannot forge terminal
   * output, workflow commands or a second diagnostic line.
   */
  public static String quote(String text) {
    StringBuilder b = new StringBuilder("`");
    int count = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (count++ == MAX_QUOTED) {
        b.append('…');
        break;
      }
      appendEscaped(b, cp, cp == '`');
    }
    return b.append('`').toString();
  }

  /**
   * A whole message line that may hold user text, such as a file name: control, format and line
   * separator characters escaped as {@code \\uXXXX}, so the line stays one line on a terminal and
   * in a CI log (where a line starting {@code ::} is a workflow command).
   */
  public static String printable(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> appendEscaped(b, cp, false));
    return b.toString();
  }

  private static void appendEscaped(StringBuilder b, int cp, boolean alsoEscape) {
    int type = Character.getType(cp);
    if (alsoEscape
        || Character.isISOControl(cp)
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR) {
      b.append(String.format("\\u%04X", cp));
    } else {
      b.appendCodePoint(cp);
    }
  }

  /** "a, b or c" with each item quoted. */
  public static String oneOf(Collection<String> items) {
    List<String> quoted = items.stream().map(Messages::quote).collect(Collectors.toList());
    if (quoted.size() <= 1) {
      return String.join("", quoted);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1))
        + " or "
        + quoted.get(quoted.size() - 1);
  }

  /** The closest candidate by edit distance, if close enough to be a likely typo; else null. */
  public static String didYouMean(String typo, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d =
          editDistance(
              typo.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
        best = c;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, Math.min(3, typo.length() / 3));
    return best != null && bestDistance <= allowed ? best : null;
  }

  /** Levenshtein distance, with adjacent transposition counted as one edit. */
  static int editDistance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 4) {
      return Integer.MAX_VALUE;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
