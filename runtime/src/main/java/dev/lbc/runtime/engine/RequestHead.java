package dev.lbc.runtime.engine;

import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A request head read strictly by RFC 9112, so that lbc and every server behind it agree where a
 * request ends: one parse decides the body's framing, and whatever a server could read another way
 * is refused (400) rather than forwarded.
 *
 * <p>Refused: a request line that is not exactly {@code token SP target SP HTTP/1.x} with ASCII
 * visible characters only; a line not ended by CRLF (bare LF or bare CR); line folding or
 * whitespace before the first field; whitespace between a field name and its colon; a field name
 * that is not a token; a control byte in a field value; more than one Host, or none in HTTP/1.1, or
 * an invalid one; a Content-Length that is not one plain decimal number on one line;
 * Transfer-Encoding other than exactly one {@code chunked} on one line, in HTTP/1.0, or together
 * with Content-Length.
 *
 * @param method the method token
 * @param target the request target (ASCII)
 * @param http10 true for HTTP/1.0, false for HTTP/1.1
 * @param fields the field lines, names and values as sent (values without surrounding whitespace)
 * @param length the body's length, {@link #CHUNKED} or 0 for none
 */
record RequestHead(String method, String target, boolean http10, List<Field> fields, long length) {
  /** {@link #length} of a chunked body. */
  static final long CHUNKED = -1;

  /** At most this many field lines in a head (as HAProxy's default). */
  static final int MAX_FIELDS = 100;

  /**
   * A field line: name and value as bytes (the value may hold obs-text), views into the head's own
   * bytes, which were copied for this head alone: handed to Netty's headers as they are, with no
   * copy and no String per field.
   */
  record Field(AsciiString name, AsciiString value) {
    String nameText() {
      return name.toString();
    }

    String valueText() {
      return value.toString();
    }

    /** Compares the bytes in place: called for every field of every request. */
    boolean named(String n) {
      return name.contentEqualsIgnoreCase(n);
    }
  }

  /** Why a request is refused, and with which status (400, or 505 for an unknown version). */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    Malformed(String reason) {
      this(400, reason);
    }

    Malformed(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /**
   * RFC 9110 7.2 Host: {@code uri-host [ ":" port ]}, where uri-host is an IP literal in brackets
   * (hex digits, colons, dots) or a reg-name (unreserved, sub-delims, pct-encoded bytes), and the
   * port is digits, possibly none. Checked by hand rather than by a regular expression: it runs for
   * every request, and a matcher per request was a tenth of the request path's garbage.
   */
  static boolean validHost(String host) {
    int n = host.length();
    int i = 0;
    if (n > 0 && host.charAt(0) == '[') {
      int close = host.indexOf(']');
      if (close < 2) {
        return false;
      }
      for (i = 1; i < close; i++) {
        char c = host.charAt(i);
        if (!(hexDigit(c) || c == ':' || c == '.')) {
          return false;
        }
      }
      i = close + 1;
    } else {
      while (i < n && regNameChar(host.charAt(i))) {
        i++;
      }
    }
    if (i == n) {
      return true;
    }
    if (host.charAt(i) != ':') {
      return false;
    }
    for (i++; i < n; i++) {
      if (!digit(host.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hexDigit(char c) {
    return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean regNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || digit(c)
        || "._~!$&'()*+,;=%-".indexOf(c) >= 0;
  }

  boolean expectsContinue() {
    return fields.stream()
        .anyMatch(f -> f.named("Expect") && f.valueText().equalsIgnoreCase("100-continue"));
  }

  /**
   * Reads the head in {@code b[from, to)}: the request line and field lines, each ended by CRLF, up
   * to and including the empty line that ends the head.
   */
  static RequestHead parse(byte[] b, int from, int to) throws Malformed {
    int eol = lineEnd(b, from, to);
    String[] parts = requestLine(b, from, eol);
    // parts[2] is null for HTTP/1.1 and HTTP/1.0, the request line's last 8 bytes
    if (parts[2] != null) {
      String version = parts[2];
      if (!version.startsWith("HTTP/")
          || version.length() != 8
          || !digit(version.charAt(5))
          || version.charAt(6) != '.'
          || !digit(version.charAt(7))) {
        throw new Malformed("bad HTTP version");
      }
      throw new Malformed(505, "HTTP version " + version + " is not served");
    }
    boolean http10 = b[eol - 1] == '0';
    List<Field> fields = new ArrayList<>();
    for (int at = eol + 2; ; ) {
      int end = lineEnd(b, at, to);
      if (end == at) {
        break;
      }
      if (fields.size() == MAX_FIELDS) {
        throw new Malformed("more than " + MAX_FIELDS + " header lines");
      }
      fields.add(field(b, at, end));
      at = end + 2;
    }
    return new RequestHead(parts[0], parts[1], http10, fields, framing(fields, http10));
  }

  /** The index of the CR of the CRLF that ends the line starting at {@code from}. */
  static int lineEnd(byte[] b, int from, int to) throws Malformed {
    for (int i = from; i < to; i++) {
      if (b[i] == '\r') {
        if (i + 1 >= to || b[i + 1] != '\n') {
          throw new Malformed("bare CR");
        }
        return i;
      }
      if (b[i] == '\n') {
        throw new Malformed("bare LF");
      }
    }
    throw new Malformed("head ends without CRLF");
  }

  private static String[] requestLine(byte[] b, int from, int to) throws Malformed {
    int sp1 = indexOf(b, from, to, (byte) ' ');
    int sp2 = sp1 < 0 ? -1 : indexOf(b, sp1 + 1, to, (byte) ' ');
    if (sp1 <= from || sp2 <= sp1 + 1 || indexOf(b, sp2 + 1, to, (byte) ' ') >= 0) {
      throw new Malformed("request line is not METHOD SP TARGET SP VERSION");
    }
    for (int i = from; i < sp1; i++) {
      if (!tchar(b[i])) {
        throw new Malformed("bad method");
      }
    }
    for (int i = sp1 + 1; i < sp2; i++) {
      if (b[i] <= 0x20 || b[i] >= 0x7f) {
        throw new Malformed("control, space or non-ASCII byte in the request target");
      }
    }
    for (int i = sp2 + 1; i < to; i++) {
      if (b[i] <= 0x20 || b[i] >= 0x7f) {
        throw new Malformed("bad HTTP version");
      }
    }
    return new String[] {
      method(b, from, sp1),
      ascii(b, sp1 + 1, sp2),
      to - sp2 - 1 == 8 && isHttp1(b, sp2 + 1) ? null : ascii(b, sp2 + 1, to)
    };
  }

  private static final String[] METHODS = {
    "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "RPC_IN_DATA", "RPC_OUT_DATA"
  };

  /** The method token: a shared String for the usual ones, not one per request. */
  private static String method(byte[] b, int from, int to) {
    for (String m : METHODS) {
      if (m.length() == to - from && same(b, from, m)) {
        return m;
      }
    }
    return ascii(b, from, to);
  }

  /** Whether {@code b} holds "HTTP/1.1" or "HTTP/1.0" at {@code at} (8 bytes are there). */
  static boolean isHttp1(byte[] b, int at) {
    return same(b, at, "HTTP/1.") && (b[at + 7] == '1' || b[at + 7] == '0');
  }

  /** Whether {@code b} holds the ASCII {@code s} at {@code at}, case-sensitively. */
  private static boolean same(byte[] b, int at, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (b[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** One field line in {@code b[from, to)} (without its CRLF); trailer fields are read alike. */
  static Field field(byte[] b, int from, int to) throws Malformed {
    long bounds = checkField(b, from, to);
    int start = valueStart(bounds);
    return new Field(
        new AsciiString(b, from, colon(bounds) - from, false),
        new AsciiString(b, start, valueEnd(bounds) - start, false));
  }

  /**
   * Checks one field line in {@code b[from, to)} (without its CRLF) and makes nothing: its colon's
   * index, and where its value starts and ends without surrounding whitespace, packed in a long
   * ({@link #colon}, {@link #valueStart}, {@link #valueEnd}; a head is at most the request buffer,
   * 1 MiB).
   */
  static long checkField(byte[] b, int from, int to) throws Malformed {
    if (from < to && (b[from] == ' ' || b[from] == '\t')) {
      throw new Malformed("line folding (obs-fold) or whitespace before a field");
    }
    int colon = indexOf(b, from, to, (byte) ':');
    if (colon <= from) {
      throw new Malformed(colon < 0 ? "header line without a colon" : "empty field name");
    }
    for (int i = from; i < colon; i++) {
      if (!tchar(b[i])) {
        throw new Malformed(
            b[i] == ' ' || b[i] == '\t'
                ? "whitespace before the colon of a field"
                : "bad byte in a field name");
      }
    }
    int start = colon + 1;
    int end = to;
    while (start < end && (b[start] == ' ' || b[start] == '\t')) {
      start++;
    }
    while (end > start && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
      end--;
    }
    for (int i = start; i < end; i++) {
      int c = b[i] & 0xff;
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new Malformed("control byte in a field value");
      }
    }
    return ((long) colon << 42) | ((long) start << 21) | end;
  }

  static int colon(long bounds) {
    return (int) (bounds >>> 42);
  }

  static int valueStart(long bounds) {
    return (int) (bounds >>> 21) & 0x1fffff;
  }

  static int valueEnd(long bounds) {
    return (int) bounds & 0x1fffff;
  }

  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  /** Whether the field name in {@code b[from, to)} is {@code n}, ignoring ASCII case. */
  static boolean named(byte[] b, int from, int to, String n) {
    if (to - from != n.length()) {
      return false;
    }
    for (int i = 0; i < n.length(); i++) {
      if (lower(b[from + i]) != lower(n.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** RFC 9112 6.3, refusing every case where servers could disagree. */
  private static long framing(List<Field> fields, boolean http10) throws Malformed {
    List<String> hosts = values(fields, "Host");
    List<String> te = values(fields, "Transfer-Encoding");
    List<String> cl = values(fields, "Content-Length");
    if (hosts.size() > 1 || (hosts.isEmpty() && !http10)) {
      throw new Malformed(hosts.isEmpty() ? "no Host" : "more than one Host");
    }
    if (!hosts.isEmpty() && !validHost(hosts.get(0))) {
      throw new Malformed("invalid Host");
    }
    if (!te.isEmpty()) {
      if (!cl.isEmpty()) {
        throw new Malformed("both Transfer-Encoding and Content-Length");
      }
      if (http10) {
        throw new Malformed("Transfer-Encoding in an HTTP/1.0 request");
      }
      if (te.size() > 1 || !te.get(0).toLowerCase(Locale.ROOT).equals("chunked")) {
        throw new Malformed("Transfer-Encoding other than chunked");
      }
      return CHUNKED;
    }
    if (cl.isEmpty()) {
      return 0;
    }
    if (cl.size() > 1 || !decimal(cl.get(0), 18)) {
      throw new Malformed("Content-Length is not one decimal number");
    }
    return Long.parseLong(cl.get(0));
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  /** One to {@code max} ASCII digits and nothing else. */
  static boolean decimal(String s, int max) {
    if (s.isEmpty() || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!digit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The values of the fields named {@code name}, in order; no list is made when there is none. */
  static List<String> values(List<Field> fields, String name) {
    List<String> out = List.of();
    for (Field f : fields) {
      if (f.named(name)) {
        if (out.isEmpty()) {
          out = new ArrayList<>(2);
        }
        out.add(f.valueText());
      }
    }
    return out;
  }

  private static int indexOf(byte[] b, int from, int to, byte wanted) {
    for (int i = from; i < to; i++) {
      if (b[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  static boolean tchar(byte c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || (c > 0 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
  }

  private static String ascii(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.US_ASCII);
  }
}
