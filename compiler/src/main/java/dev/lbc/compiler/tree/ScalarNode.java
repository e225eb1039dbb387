package dev.lbc.compiler.tree;

import dev.lbc.compiler.source.Span;
import java.util.regex.Pattern;

/**
 * A scalar as written. {@code quoted} scalars are always strings. Plain scalars are typed by a
 * strict YAML 1.2 core-schema subset: a decimal integer without leading zeros, {@code true}, {@code
 * false}, {@code null} (or {@code ~}, or empty); everything else (on, no, 0777, 1_000, 0x1F) stays
 * text. The YAML reader marks a value left empty as quoted, so that it reads as empty text.
 */
public record ScalarNode(Span span, String text, boolean quoted) implements DataNode {
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

  /** The typed value: a Long, a Boolean, null for null, or the text. */
  public Object value() {
    if (quoted) {
      return text;
    }
    if (DECIMAL.matcher(text).matches()) {
      return Long.parseLong(text);
    }
    return switch (text) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      case "null", "~", "" -> null;
      default -> text;
    };
  }

  @Override
  public String kindName() {
    Object v = value();
    if (v == null) {
      return "null";
    }
    if (v instanceof Long) {
      return "the number " + text;
    }
    if (v instanceof Boolean) {
      return "the boolean " + text;
    }
    return "the string \"" + text + "\"";
  }
}
