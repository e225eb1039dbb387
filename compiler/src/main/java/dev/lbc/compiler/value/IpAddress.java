package dev.lbc.compiler.value;

import dev.lbc.compiler.diag.Messages;

/**
 * An IPv4 or IPv6 address as a number, so that rules compare addresses, not strings: {@code
 * ::ffff:192.168.30.10} is the IPv4 address 192.168.30.10. IPv4 is written strictly (four decimal
 * parts without leading zeros: {@code 192.168.30.020} is refused, since some tools read 020 as
 * octal); IPv6 as RFC 4291 text without a zone.
 *
 * @param version 4 or 6
 * @param high the upper 64 bits (IPv6 only; 0 for IPv4)
 * @param low the lower 64 bits (for IPv4, the 32-bit address)
 */
public record IpAddress(int version, long high, long low) implements Comparable<IpAddress> {

  /** Address width in bits: 32 or 128. */
  public int bits() {
    return version == 4 ? 32 : 128;
  }

  public boolean isV6() {
    return version == 6;
  }

  // compareTo, equals and hashCode written out: the record's generated ones, and a Comparator
  // built from lambdas, bootstrap method handles on first use, milliseconds of every cold lint
  @Override
  public int compareTo(IpAddress o) {
    int c = Integer.compare(version, o.version);
    if (c == 0) {
      c = Long.compareUnsigned(high, o.high);
    }
    return c != 0 ? c : Long.compareUnsigned(low, o.low);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress a && version == a.version && high == a.high && low == a.low;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * version + Long.hashCode(high)) + Long.hashCode(low);
  }

  /** Parses an IPv4 or IPv6 address. */
  public static Parsed<IpAddress> parse(String text) {
    if (text.length() > 45) {
      return Parsed.fail(Messages.quote(text) + " is too long to be an IP address");
    }
    if (text.indexOf(':') >= 0) {
      return parseV6(text);
    }
    Parsed<Long> v4 = parseV4(text, text);
    return v4.ok() ? Parsed.ok(new IpAddress(4, 0, v4.value())) : Parsed.fail(v4.error());
  }

  /**
   * Whether {@code s} is ASCII digits only. A loop, not {@code chars().allMatch}: every address of
   * a deployment comes here, and the stream's pipeline and lambda cost a cold lint more than the
   * parse.
   */
  static boolean asciiDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static Parsed<Long> parseV4(String part, String whole) {
    String[] octets = part.split("\\.", -1);
    if (octets.length != 4) {
      return Parsed.fail(
          Messages.quote(whole)
              + " is not an IP address (expected four numbers like 192.168.30.10)");
    }
    long value = 0;
    for (String o : octets) {
      if (o.isEmpty() || o.length() > 3 || !asciiDigits(o)) {
        return Parsed.fail(
            Messages.quote(whole)
                + " is not an IP address (expected four numbers like 192.168.30.10)");
      }
      if (o.length() > 1 && o.charAt(0) == '0') {
        return Parsed.fail(
            Messages.quote(whole)
                + " has a leading zero in "
                + Messages.quote(o)
                + "; some tools read it as octal, so write "
                + Integer.parseInt(o));
      }
      int n = Integer.parseInt(o);
      if (n > 255) {
        return Parsed.fail(Messages.quote(whole) + " has a part over 255: " + n);
      }
      value = (value << 8) | n;
    }
    return Parsed.ok(value);
  }

  private static Parsed<IpAddress> parseV6(String text) {
    String bad = Messages.quote(text) + " is not an IPv6 address";
    if (text.indexOf('%') >= 0) {
      return Parsed.fail(bad + " (zone IDs such as %eth0 are not allowed)");
    }
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      return Parsed.fail(bad + " (`::` may appear only once)");
    }
    String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
    String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
    int[] headGroups = new int[8];
    int[] tailGroups = new int[8];
    int h = groups(head, headGroups, doubleColon < 0 || tail.isEmpty());
    int t = doubleColon >= 0 ? groups(tail, tailGroups, true) : 0;
    if (h < 0 || t < 0) {
      return Parsed.fail(bad);
    }
    int total = h + t;
    if ((doubleColon < 0 && total != 8) || (doubleColon >= 0 && total > 7)) {
      return Parsed.fail(bad + " (it needs eight groups, or `::` for the zeros)");
    }
    int[] all = new int[8];
    System.arraycopy(headGroups, 0, all, 0, h);
    System.arraycopy(tailGroups, 0, all, 8 - t, t);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 4; i++) {
      hi = (hi << 16) | all[i];
      lo = (lo << 16) | all[i + 4];
    }
    if (hi == 0 && (lo >>> 32) == 0xffffL) {
      return Parsed.ok(new IpAddress(4, 0, lo & 0xffffffffL));
    }
    return Parsed.ok(new IpAddress(6, hi, lo));
  }

  /** Parses colon-separated groups into {@code out}; returns the count, or -1 if malformed. */
  private static int groups(String s, int[] out, boolean mayEndWithV4) {
    if (s.isEmpty()) {
      return 0;
    }
    String[] parts = s.split(":", -1);
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (i == parts.length - 1 && mayEndWithV4 && p.indexOf('.') >= 0) {
        Parsed<Long> v4 = parseV4(p, p);
        if (!v4.ok() || n + 2 > 8) {
          return -1;
        }
        out[n++] = (int) (v4.value() >>> 16);
        out[n++] = (int) (v4.value() & 0xffff);
        continue;
      }
      if (p.isEmpty() || p.length() > 4 || n >= 8) {
        return -1;
      }
      for (int c = 0; c < p.length(); c++) {
        char h = p.charAt(c);
        // ASCII only: Character.digit also takes other scripts' digits and full-width letters
        if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
          return -1;
        }
      }
      out[n++] = Integer.parseInt(p, 16);
    }
    return n;
  }

  /** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as ::). */
  public String text() {
    if (version == 4) {
      return ((low >>> 24) & 0xff)
          + "."
          + ((low >>> 16) & 0xff)
          + "."
          + ((low >>> 8) & 0xff)
          + "."
          + (low & 0xff);
    }
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) ((high >>> (48 - 16 * i)) & 0xffff);
      g[i + 4] = (int) ((low >>> (48 - 16 * i)) & 0xffff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLen - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(g[i]));
    }
    return b.toString();
  }

  /** The address with the low {@code bits() - prefix} bits cleared. */
  public IpAddress masked(int prefix) {
    if (version == 4) {
      long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
      return new IpAddress(4, 0, low & mask);
    }
    long hiMask = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
    long loMask = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
    return new IpAddress(6, high & hiMask, low & loMask);
  }

  @Override
  public String toString() {
    return text();
  }
}
