package dev.lbc.backends.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The unified diff a reviewer reads and {@code patch} applies: its hunks, applied to the old text
 * at the lines their headers name, give the new text exactly.
 */
class UnifiedDiffTest {
  private static final Pattern HUNK =
      Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

  @Test
  void oneChangedLineHasThreeLinesOfContext() {
    String a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    String b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    assertEquals(
        "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
        UnifiedDiff.of("f", a, b));
  }

  @Test
  void aLostLineEndIsAChangeAndSaysSo() {
    assertEquals(
        "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n",
        UnifiedDiff.of("f", "a\nb\n", "a\nb"));
  }

  @Test
  void anAddedFileIsAgainstDevNull() {
    assertEquals(
        "--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n", UnifiedDiff.of("f", "", "x\ny\n"));
  }

  @Test
  void randomEditsApplyBackToTheNewText() {
    Random r = new Random(13);
    for (int round = 0; round < 300; round++) {
      List<String> a = new ArrayList<>();
      for (int i = r.nextInt(40); i > 0; i--) {
        a.add("line " + r.nextInt(8));
      }
      List<String> b = new ArrayList<>(a);
      for (int e = r.nextInt(6); e > 0; e--) {
        int at = b.isEmpty() ? 0 : r.nextInt(b.size());
        switch (r.nextInt(3)) {
          case 0 -> b.add(at, "new " + r.nextInt(5));
          case 1 -> {
            if (!b.isEmpty()) {
              b.remove(at);
            }
          }
          default -> {
            if (!b.isEmpty()) {
              b.set(at, "changed " + r.nextInt(5));
            }
          }
        }
      }
      String before = text(a);
      String after = text(b);
      assertEquals(
          after, apply(before, UnifiedDiff.of("f", before, after)), before + "→\n" + after);
    }
  }

  private static String text(List<String> lines) {
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  /** A strict patch: context and removed lines must be where the header says. */
  private static String apply(String before, String diff) {
    List<String> old =
        before.isEmpty()
            ? List.of()
            : List.of(before.split("\n", -1)).subList(0, before.split("\n", -1).length - 1);
    List<String> out = new ArrayList<>();
    String[] lines = diff.split("\n");
    int next = 0; // the next old line (0-based) not yet copied
    for (int i = 2; i < lines.length; i++) {
      Matcher m = HUNK.matcher(lines[i]);
      if (!m.matches()) {
        throw new AssertionError("expected a hunk header: " + lines[i]);
      }
      int aStart = Integer.parseInt(m.group(1));
      int aLen = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
      int from = aLen == 0 ? aStart : aStart - 1;
      out.addAll(old.subList(next, from));
      next = from;
      int seen = 0;
      while (i + 1 < lines.length && !lines[i + 1].startsWith("@@")) {
        String l = lines[++i];
        char op = l.charAt(0);
        String body = l.substring(1);
        if (op != '+') {
          assertEquals(old.get(next), body, "line " + (next + 1));
          next++;
          seen++;
        }
        if (op != '-') {
          out.add(body);
        }
      }
      assertEquals(aLen, seen, "hunk length of " + lines[i]);
    }
    out.addAll(old.subList(next, old.size()));
    return text(out);
  }
}
