package dev.lbc.runtime.engine;

import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.Parsed;
import dev.lbc.compiler.value.SourceRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps deployment addresses to local ones for lab runs ({@code --bind-map
 * 192.168.30.10=127.0.0.10}): VIPs are bound, and real servers and lockdown sources reached, at the
 * mapped address. Unmapped addresses are used as they are.
 */
public record BindMap(Map<String, String> addresses) {
  public BindMap {
    addresses = Map.copyOf(addresses);
  }

  /** Parses {@code FROM=TO} entries; throws IllegalArgumentException with the bad entry. */
  public static BindMap parse(List<String> entries) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String e : entries) {
      int eq = e.indexOf('=');
      if (eq <= 0 || eq == e.length() - 1) {
        throw new IllegalArgumentException(
            "--bind-map takes FROM=TO, e.g." + " 192.168.30.10=127.0.0.10, not " + e);
      }
      m.put(e.substring(0, eq), e.substring(eq + 1));
    }
    return new BindMap(m);
  }

  public String map(String address) {
    return addresses.getOrDefault(address, address);
  }

  /**
   * {@code address} as this host has it. A mapped address is an IP address: the command line
   * refuses any other {@code TO}.
   */
  public IpAddress map(IpAddress address) {
    String to = addresses.get(address.text());
    if (to == null) {
      return address;
    }
    Parsed<IpAddress> ip = IpAddress.parse(to);
    if (!ip.ok()) {
      throw new IllegalArgumentException(
          "--bind-map " + address.text() + "=" + to + ": " + ip.error());
    }
    return ip.value();
  }

  /** A lockdown source as this host sees it: a single address is mapped, a range or CIDR kept. */
  public SourceRange map(SourceRange source) {
    if (source.kind() != SourceRange.Kind.ADDRESS) {
      return source;
    }
    IpAddress a = map(source.first());
    return new SourceRange(SourceRange.Kind.ADDRESS, a, a, -1);
  }
}
