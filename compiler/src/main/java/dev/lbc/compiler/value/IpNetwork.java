package dev.lbc.compiler.value;

import dev.lbc.compiler.diag.Messages;

/**
 * An address with a prefix length. As an interface address ({@code 192.168.30.5/24}) the address is
 * the host's own; as a CIDR ({@code 10.1.0.0/16}) host bits must be zero.
 */
public record IpNetwork(IpAddress address, int prefix) {

  /** Parses {@code address/prefix} where the address may have host bits (an interface address). */
  public static Parsed<IpNetwork> parseInterfaceAddress(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Parsed.fail(Messages.quote(text) + " needs a prefix length, e.g. 192.168.30.5/24");
    }
    Parsed<IpAddress> address = IpAddress.parse(text.substring(0, slash));
    if (!address.ok()) {
      return Parsed.fail(address.error());
    }
    String p = text.substring(slash + 1);
    int max = address.value().bits();
    if (p.isEmpty()
        || p.length() > 3
        || !IpAddress.asciiDigits(p)
        || (p.length() > 1 && p.charAt(0) == '0')
        || Integer.parseInt(p) > max) {
      return Parsed.fail(Messages.quote(text) + " has a bad prefix length; use 0 to " + max);
    }
    return Parsed.ok(new IpNetwork(address.value(), Integer.parseInt(p)));
  }

  /** Parses a CIDR network; host bits must be zero. */
  public static Parsed<IpNetwork> parseCidr(String text) {
    Parsed<IpNetwork> n = parseInterfaceAddress(text);
    if (!n.ok()) {
      return n;
    }
    IpNetwork net = n.value();
    IpAddress base = net.address.masked(net.prefix);
    if (!base.equals(net.address)) {
      return Parsed.fail(
          Messages.quote(text)
              + " has host bits set; the network is "
              + base.text()
              + "/"
              + net.prefix);
    }
    return n;
  }

  /** The network address (host bits cleared). */
  public IpAddress network() {
    return address.masked(prefix);
  }

  /** True if {@code ip} is in this network. */
  public boolean contains(IpAddress ip) {
    return ip.version() == address.version() && ip.masked(prefix).equals(network());
  }

  public String text() {
    return address.text() + "/" + prefix;
  }

  @Override
  public String toString() {
    return text();
  }
}
