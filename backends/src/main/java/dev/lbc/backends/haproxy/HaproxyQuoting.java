package dev.lbc.backends.haproxy;

import dev.lbc.compiler.value.IpAddress;

/**
 * Escaping for haproxy.cfg (HAProxy configuration manual §2.2). Every value is validated long
 * before it gets here; this is the last line of defence: words that HAProxy would split, comment
 * out or expand are refused (an internal error, since validation should have stopped them).
 */
final class HaproxyQuoting {
  private HaproxyQuoting() {}

  /**
   * A single argument: bare if it holds only safe characters, else single-quoted (HAProxy's strong
   * quoting: no escapes, no environment expansion). A value with a single quote, a backslash or a
   * control character cannot be written safely and is refused.
   */
  static String arg(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\'' || c == '\\') {
        throw new IllegalArgumentException("value cannot be written to haproxy.cfg: " + value);
      }
    }
    return value.matches("[A-Za-z0-9._:/@%+=\\[\\]-]+") ? value : "'" + value + "'";
  }

  /** A comment's text: one line, nothing that could end the comment. */
  static String comment(String text) {
    return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
  }

  /**
   * {@code address:port}, with IPv6 addresses bracketed; with no port (a server that keeps the
   * client's), the address alone, prefixed {@code ipv6@} for IPv6 so that HAProxy does not read its
   * last group as a port.
   */
  static String endpoint(IpAddress address, Integer port) {
    String text = address.text();
    if (port == null) {
      return address.isV6() ? "ipv6@" + text : text;
    }
    return (address.isV6() ? "[" + text + "]" : text) + ":" + port;
  }
}
