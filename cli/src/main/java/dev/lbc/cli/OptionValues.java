package dev.lbc.cli;

import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.Parsed;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
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

  /** {@code --admin ADDRESS:PORT}; {@code host} without brackets, port 0 picks a free one. */
  record AdminAddress(String host, int port) {
    /** The status page's URL with the port actually bound. */
    String url(int bound) {
      return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + bound + "/";
    }
  }

  static final class AdminAddressConverter implements ITypeConverter<AdminAddress> {
    @Override
    public AdminAddress convert(String value) {
      String example = "expected ADDRESS:PORT, e.g. 127.0.0.1:9090 or [::1]:9090, not `%s`";
      String host;
      String port;
      if (value.startsWith("[")) {
        int end = value.indexOf("]:");
        if (end < 0) {
          throw new TypeConversionException(example.formatted(value));
        }
        host = value.substring(1, end);
        port = value.substring(end + 2);
        Parsed<IpAddress> ip = IpAddress.parse(host);
        if (!ip.ok() || !ip.value().isV6()) {
          throw new TypeConversionException(
              "`" + host + "` in brackets is not an IPv6 address: " + ip.error());
        }
      } else {
        int colon = value.indexOf(':');
        if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) {
          throw new TypeConversionException(
              "write an IPv6 address in brackets, e.g. [::1]:9090, not `" + value + "`");
        }
        if (colon <= 0) {
          throw new TypeConversionException(example.formatted(value));
        }
        host = value.substring(0, colon);
        port = value.substring(colon + 1);
        checkHost(host);
      }
      if (!port.matches("[0-9]{1,5}")) {
        throw new TypeConversionException(example.formatted(value));
      }
      int number = Integer.parseInt(port);
      if (number > 65535) {
        throw new TypeConversionException(
            "port " + number + " is out of range (0 to 65535; 0 picks a free port)");
      }
      return new AdminAddress(host, number);
    }

    private static void checkHost(String host) {
      if (host.matches("[0-9.]+")) {
        Parsed<IpAddress> ip = IpAddress.parse(host);
        if (!ip.ok()) {
          throw new TypeConversionException(ip.error());
        }
        return;
      }
      if (host.length() > 253
          || !host.matches(
              "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?")) {
        throw new TypeConversionException("`" + host + "` is not an IP address or a host name");
      }
      try {
        InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new TypeConversionException("the host name `" + host + "` cannot be resolved");
      }
    }
  }

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
      return atLeast(value, 0, "0 or more");
    }
  }

  private static int atLeast(String value, int minimum, String rule) {
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("`" + value + "` is not a whole number");
    }
    if (n < minimum) {
      throw new TypeConversionException("`" + value + "` must be " + rule);
    }
    return n;
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

  /** Refuses an address mapped twice: which one was meant? */
  static void checkBindMap(List<String> entries) {
    Set<String> from = new HashSet<>();
    for (String e : entries) {
      String address = e.substring(0, e.indexOf('='));
      if (!from.add(address)) {
        throw new Main.UsageError("--bind-map: " + address + " is mapped twice");
      }
    }
  }
}
