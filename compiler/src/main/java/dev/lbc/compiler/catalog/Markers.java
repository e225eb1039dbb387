package dev.lbc.compiler.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code # ~ LBCxxx} marker (rustc's UI-test annotation): written at the end of a line of a
 * golden input or of a rule's bad example, it names the rules expected to report on that line, so a
 * test can compare what fires with what the author meant. {@code # ~ LBC101 LBC102} names two.
 */
public final class Markers {
  private Markers() {}

  private static final Pattern MARKER = Pattern.compile("\\s*#\\s*~\\s*((?:LBC[0-9]{3}\\s*)+)$");

  /** One expected finding: rule {@code code} on 1-based line {@code line}. */
  public record Marker(int line, String code) {
    @Override
    public String toString() {
      return line + " " + code;
    }
  }

  /** Every marker of {@code lines}, in line order. */
  public static List<Marker> in(List<String> lines) {
    List<Marker> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      for (String code : codes(lines.get(i))) {
        out.add(new Marker(i + 1, code));
      }
    }
    return out;
  }

  /** Every marker of {@code text}, in line order. */
  public static List<Marker> in(String text) {
    return in(text.lines().toList());
  }

  /** The rules the marker at the end of {@code line} names, or none. */
  public static List<String> codes(String line) {
    Matcher m = find(line);
    return m == null ? List.of() : codes(m);
  }

  private static Matcher find(String line) {
    Matcher m = MARKER.matcher(line);
    return m.find() ? m : null;
  }

  private static List<String> codes(Matcher found) {
    return List.of(found.group(1).trim().split("\\s+"));
  }

  /**
   * {@code text} with each marker written as a plain comment a reader understands without knowing
   * the convention: {@code # <- LBC101}, two spaces after the line's content.
   */
  public static String readable(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      Matcher m = find(line);
      if (m != null) {
        line = line.substring(0, m.start()) + "  # <- " + String.join(" ", codes(m));
      }
      b.append(line).append('\n');
    }
    return b.substring(0, b.length() - 1);
  }
}
