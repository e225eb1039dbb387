package dev.lbc.cli;

import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.Parsed;
import dev.lbc.runtime.engine.BindMap;
import dev.lbc.runtime.serve.Serve.EngineKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked while the command line is parsed, so that a bad one is a usage error (exit
 * 2, "Invalid value for option '--x': why") before anything starts, never an exception thrown later
 * from deep inside a run (exit 3).
 */
final class OptionValues {
  private OptionValues() {}

  /** A count that must be 1 or more, such as {@code --max-connections}. */
  static final class AtLeastOne implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return atLeast(value, 1, "at least 1");
    }
  }

  /** A count that may be 0, such as {@code --max-warnings}. */
  static final class ZeroOrMore implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return zeroOrMore(value);
    }
  }

  static int zeroOrMore(String value) {
    return atLeast(value, 0, "0 or more");
  }

  private static int atLeast(String value, int minimum, String rule) {
    int n;
    try {
      String digits = value.trim();
      // ASCII only: Integer.parseInt also reads Arabic-Indic and full-width digits (`٣` as 3)
      for (int i = 0; i < digits.length(); i++) {
        char c = digits.charAt(i);
        if (c > 0x7f) {
          throw new NumberFormatException(digits);
        }
      }
      n = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("`" + value + "` is not a whole number");
    }
    if (n < minimum) {
      throw new TypeConversionException("`" + value + "` must be " + rule);
    }
    return n;
  }

  /**
   * The constant of {@code type} named {@code value} in any case, as {@code --format} takes it;
   * otherwise a conversion error that lists the words.
   */
  static <E extends Enum<E>> E word(Class<E> type, String value) {
    List<String> words = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
      words.add(e.name().toLowerCase(Locale.ROOT));
    }
    throw new TypeConversionException(
        "'" + value + "' is not a format; use " + String.join(", ", words));
  }

  /** {@code --color WHEN}. */
  static final class ColorWhen implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!List.of("auto", "always", "never").contains(value)) {
        throw new TypeConversionException("`" + value + "` is not auto, always or never");
      }
      return value;
    }
  }

  /**
   * One {@code --bind-map FROM=TO}: two IP addresses, as the deployment writes them and as this
   * host has them. A name is refused: it would be looked up only when the engine binds, and fail
   * there.
   */
  static final class BindMapping implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      int eq = value.indexOf('=');
      if (eq < 0) {
        throw new TypeConversionException(
            "expected FROM=TO, e.g. 192.168.30.10=127.0.0.10, not `" + value + "`");
      }
      for (String side : List.of(value.substring(0, eq), value.substring(eq + 1))) {
        Parsed<IpAddress> ip = IpAddress.parse(side);
        if (!ip.ok()) {
          throw new TypeConversionException(
              "`" + value + "`: " + (side.isEmpty() ? "an address is missing" : ip.error()));
        }
      }
      return value;
    }
  }

  /** The {@code --bind-map} entries as one map; an address mapped twice is refused. */
  static BindMap bindMap(List<String> entries) {
    Set<String> from = new HashSet<>();
    for (String e : entries) {
      String address = e.substring(0, e.indexOf('='));
      if (!from.add(address)) {
        throw new Main.UsageError("--bind-map: " + address + " is mapped twice");
      }
    }
    try {
      return BindMap.parse(entries);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError(e.getMessage());
    }
  }

  /** {@code --engine NAME}. */
  static EngineKind engine(String name) {
    if (!name.equals("embedded") && !name.equals("haproxy")) {
      throw new Main.UsageError("--engine is embedded or haproxy, not " + name);
    }
    return EngineKind.valueOf(name.toUpperCase(Locale.ROOT));
  }
}
