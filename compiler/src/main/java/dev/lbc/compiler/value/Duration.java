package dev.lbc.compiler.value;

import dev.lbc.compiler.diag.Messages;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration written as a whole number and a unit: {@code 500ms}, {@code 5s}, {@code 30m}, {@code
 * 1h}.
 */
public record Duration(long amount, String unit) implements Comparable<Duration> {
  private static final Pattern FORM = Pattern.compile("(0|[1-9][0-9]{0,8})(ms|s|m|h)");
  private static final long MAX_MILLIS = 24L * 3600 * 1000;

  public static Parsed<Duration> parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return Parsed.fail(
          Messages.quote(text)
              + " is not a duration; write a whole number and a unit: 500ms, 5s,"
              + " 30m or 1h");
    }
    Duration d = new Duration(Long.parseLong(m.group(1)), m.group(2));
    if (d.millis() > MAX_MILLIS) {
      return Parsed.fail(Messages.quote(text) + " is longer than 24h");
    }
    return Parsed.ok(d);
  }

  public long millis() {
    return switch (unit) {
      case "ms" -> amount;
      case "s" -> amount * 1000;
      case "m" -> amount * 60_000;
      default -> amount * 3_600_000;
    };
  }

  @Override
  public int compareTo(Duration o) {
    return Long.compare(millis(), o.millis());
  }

  public String text() {
    return amount + unit;
  }

  @Override
  public String toString() {
    return text();
  }
}
