package dev.lbc.cli;

import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.Parsed;
import dev.lbc.runtime.serve.AdminAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --admin ADDRESS:PORT}, checked at parse time (see {@link OptionValues}). */
final class AdminAddressConverter implements ITypeConverter<AdminAddress> {
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
