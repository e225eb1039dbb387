package dev.lbc.runtime.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict reading of HTTP/1.1 request framing (RFC 9112), written independently of the engine's
 * parser, for the tests: what a backend sees must read as whole requests, and at most the beginning
 * of one more, with no doubt about where each ends.
 */
final class StrictHttp {
  private StrictHttp() {}

  /** One request as a strict server reads it. */
  record Request(String method, String target, String version, List<String[]> fields, byte[] body) {
    List<String> all(String name) {
      List<String> out = new ArrayList<>();
      for (String[] f : fields) {
        if (f[0].equalsIgnoreCase(name)) {
          out.add(f[1]);
        }
      }
      return out;
    }
  }

  /**
   * What a byte stream reads as: the whole requests, then either nothing ({@code rest} 0), the
   * beginning of one more request ({@code incomplete}), or an error: bytes no strict server
   * accepts.
   */
  record Reading(List<Request> requests, boolean incomplete, String error) {}

  static Reading read(byte[] in) {
    List<Request> out = new ArrayList<>();
    int[] pos = {0};
    while (pos[0] < in.length) {
      int start = pos[0];
      try {
        Request r = one(in, pos);
        if (r == null) {
          return new Reading(out, true, null);
        }
        out.add(r);
      } catch (IllegalArgumentException e) {
        return new Reading(
            out, false, e.getMessage() + " at byte " + pos[0] + " (from " + start + ")");
      }
    }
    return new Reading(out, false, null);
  }

  /** The next request from pos, or null if the bytes end first; throws on bad framing. */
  private static Request one(byte[] in, int[] pos) {
    String line = line(in, pos);
    if (line == null) {
      return null;
    }
    String[] parts = line.split(" ", -1);
    check(parts.length == 3, "request line is not METHOD SP TARGET SP VERSION");
    check(parts[0].chars().allMatch(StrictHttp::tchar) && !parts[0].isEmpty(), "bad method");
    check(
        !parts[1].isEmpty() && parts[1].chars().allMatch(c -> c > 0x20 && c < 0x7f), "bad target");
    check(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0"), "bad version");
    List<String[]> fields = new ArrayList<>();
    if (!fieldLines(in, pos, fields)) {
      return null;
    }
    Request head = new Request(parts[0], parts[1], parts[2], fields, new byte[0]);
    List<String> hosts = head.all("Host");
    check(hosts.size() == 1 || (parts[2].equals("HTTP/1.0") && hosts.isEmpty()), "Host count");
    // RFC 9112 3.2 / RFC 3986 3.2.2: uri-host [ ":" port ]
    check(
        hosts.isEmpty()
            || hosts
                .get(0)
                .matches("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~!$&'()*+,;=%-]*)(:[0-9]*)?"),
        "invalid Host");
    List<String> te = head.all("Transfer-Encoding");
    List<String> cl = head.all("Content-Length");
    check(te.isEmpty() || cl.isEmpty(), "both Transfer-Encoding and Content-Length");
    check(te.size() <= 1 && cl.size() <= 1, "repeated framing field");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (!te.isEmpty()) {
      check(te.get(0).equalsIgnoreCase("chunked"), "Transfer-Encoding other than chunked");
      check(parts[2].equals("HTTP/1.1"), "Transfer-Encoding in HTTP/1.0");
      while (true) {
        String size = line(in, pos);
        if (size == null) {
          return null;
        }
        String hex = size.contains(";") ? size.substring(0, size.indexOf(';')) : size;
        check(hex.matches("[0-9A-Fa-f]{1,15}"), "bad chunk size '" + size + "'");
        check(size.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f)), "control byte");
        long n = Long.parseLong(hex, 16);
        if (n == 0) {
          if (!fieldLines(in, pos, new ArrayList<>())) {
            return null;
          }
          break;
        }
        if (in.length - pos[0] < n + 2) {
          return null;
        }
        body.write(in, pos[0], (int) n);
        pos[0] += (int) n;
        check(in[pos[0]] == '\r' && in[pos[0] + 1] == '\n', "chunk data not followed by CRLF");
        pos[0] += 2;
      }
    } else if (!cl.isEmpty()) {
      check(cl.get(0).matches("[0-9]{1,15}"), "bad Content-Length");
      long n = Long.parseLong(cl.get(0));
      if (in.length - pos[0] < n) {
        return null;
      }
      body.write(in, pos[0], (int) n);
      pos[0] += (int) n;
    }
    return new Request(parts[0], parts[1], parts[2], fields, body.toByteArray());
  }

  /** Field lines up to the empty line (a head's or a trailer's); false if the bytes end first. */
  private static boolean fieldLines(byte[] in, int[] pos, List<String[]> fields) {
    while (true) {
      String f = line(in, pos);
      if (f == null) {
        return false;
      }
      if (f.isEmpty()) {
        return true;
      }
      int colon = f.indexOf(':');
      check(colon > 0, "field without a name");
      String name = f.substring(0, colon);
      check(name.chars().allMatch(StrictHttp::tchar), "bad field name '" + name + "'");
      // OWS is SP and HTAB only (String.strip would take a vertical tab too).
      String value = f.substring(colon + 1).replaceAll("^[ \t]+|[ \t]+$", "");
      check(
          value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f)),
          "control byte in a field value");
      fields.add(new String[] {name, value});
    }
  }

  /** A CRLF-ended line from pos (without the CRLF), or null if the bytes end first. */
  private static String line(byte[] in, int[] pos) {
    for (int i = pos[0]; i < in.length; i++) {
      if (in[i] == '\n') {
        check(i > pos[0] && in[i - 1] == '\r', "bare LF");
        String s = new String(in, pos[0], i - 1 - pos[0], StandardCharsets.ISO_8859_1);
        check(s.indexOf('\r') < 0, "bare CR");
        check(s.indexOf('\0') < 0, "NUL");
        check(!s.startsWith(" ") && !s.startsWith("\t"), "line folding or leading whitespace");
        pos[0] = i + 1;
        return s;
      }
    }
    return null;
  }

  private static boolean tchar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException(what);
    }
  }
}
