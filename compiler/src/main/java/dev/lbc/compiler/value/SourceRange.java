package dev.lbc.compiler.value;

import dev.lbc.compiler.diag.Messages;

/**
 * A lockdown source: one address, a range {@code first-last}, or a CIDR network. All three are held
 * as an inclusive range of one address family so rules can reason about overlap.
 *
 * @param kind how it was written, so the firewall uses the same match the guides show
 */
public record SourceRange(Kind kind, IpAddress first, IpAddress last, int prefix) {

  /** How a source was written: address, range ({@code -m iprange}) or CIDR. */
  public enum Kind {
    ADDRESS,
    RANGE,
    CIDR
  }

  /** Parses an address, a range {@code a-b} of one family with a ≤ b, or a CIDR. */
  public static Parsed<SourceRange> parse(String text) {
    if (text.indexOf('/') >= 0) {
      Parsed<IpNetwork> cidr = IpNetwork.parseCidr(text);
      if (!cidr.ok()) {
        return Parsed.fail(cidr.error());
      }
      IpNetwork n = cidr.value();
      return Parsed.ok(new SourceRange(Kind.CIDR, n.network(), lastOf(n), n.prefix()));
    }
    int dash = text.indexOf('-');
    if (dash >= 0) {
      Parsed<IpAddress> a = IpAddress.parse(text.substring(0, dash));
      Parsed<IpAddress> b = IpAddress.parse(text.substring(dash + 1));
      if (!a.ok()) {
        return Parsed.fail(a.error());
      }
      if (!b.ok()) {
        return Parsed.fail(b.error());
      }
      if (a.value().version() != b.value().version()) {
        return Parsed.fail(Messages.quote(text) + " mixes IPv4 and IPv6");
      }
      if (a.value().compareTo(b.value()) > 0) {
        return Parsed.fail(Messages.quote(text) + " runs backwards; write the lower address first");
      }
      return Parsed.ok(new SourceRange(Kind.RANGE, a.value(), b.value(), -1));
    }
    Parsed<IpAddress> a = IpAddress.parse(text);
    if (!a.ok()) {
      return Parsed.fail(
          a.error()
              + "; a source is an address, a range like 192.168.30.50-192.168.30.60, or a"
              + " CIDR like 10.1.0.0/16");
    }
    return Parsed.ok(new SourceRange(Kind.ADDRESS, a.value(), a.value(), -1));
  }

  private static IpAddress lastOf(IpNetwork n) {
    IpAddress base = n.network();
    int hostBits = base.bits() - n.prefix();
    if (base.version() == 4) {
      long hostMask = hostBits == 0 ? 0 : (1L << hostBits) - 1;
      return new IpAddress(4, 0, base.low() | hostMask);
    }
    long loMask = hostBits >= 64 ? -1L : hostBits == 0 ? 0 : (1L << hostBits) - 1;
    long hiMask = hostBits <= 64 ? 0 : hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1;
    return new IpAddress(6, base.high() | hiMask, base.low() | loMask);
  }

  /** True if this source admits every address of its family (0.0.0.0/0 or ::/0). */
  public boolean isAny() {
    return kind == Kind.CIDR && prefix == 0;
  }

  public String text() {
    return switch (kind) {
      case ADDRESS -> first.text();
      case RANGE -> first.text() + "-" + last.text();
      case CIDR -> first.text() + "/" + prefix;
    };
  }

  @Override
  public String toString() {
    return text();
  }
}
