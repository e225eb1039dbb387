package dev.lbc.compiler.value;

import dev.lbc.compiler.diag.Messages;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The value formats of the schema ({@code "format": "lbc-..."}). Each check is anchored and
 * bounded: a value that passes can reach a generated file through that file's escaper without
 * surprises (no newline, quote, {@code #}, {@code $}, brace or control character gets through
 * except where a format documents it).
 */
public final class Formats {
  private Formats() {}

  /** Names of servers, services, certificates, appliances (docs/contract.md, "Input"). */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  /** Linux interface names: at most 15 characters (IFNAMSIZ). */
  public static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,14}");

  /**
   * Windows adapter names. Windows names NICs "Ethernet 2", so spaces and parentheses are allowed
   * inside (never at the ends); scripts always quote them.
   */
  public static final Pattern ADAPTER =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9 ._()-]{0,62}[A-Za-z0-9._()-])?");

  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern HTTP_PATH = Pattern.compile("/[A-Za-z0-9._~/-]{0,200}");
  private static final Pattern FILE_PATH = Pattern.compile("[A-Za-z0-9._/-]{1,255}");
  private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:[A-Za-z_][A-Za-z0-9_]{0,63}}");
  private static final Pattern LITERAL_SECRET =
      Pattern.compile("[A-Za-z0-9!%*+,./:=?@^_~-]{1,128}");
  private static final Pattern CRYPT_HASH =
      Pattern.compile("\\$(1|5|6|y|2[aby])\\$[./A-Za-z0-9$=,]{1,255}");

  /**
   * The format names the schema may use, sorted. The checks are a switch, not a map of lambdas:
   * linking each lambda's call site cost a cold lint about a tenth of a millisecond, fifteen of
   * them when the schema's first format was checked.
   */
  private static final List<String> NAMES =
      List.of(
          "lbc-adapter-name",
          "lbc-check-interval",
          "lbc-duration",
          "lbc-hostname",
          "lbc-http-path",
          "lbc-interface-address",
          "lbc-interface-name",
          "lbc-ip",
          "lbc-name",
          "lbc-password-hash",
          "lbc-path",
          "lbc-secret",
          "lbc-source",
          "lbc-tcp-keepalive",
          "lbc-timeout");

  /** The format names the schema may use. */
  public static Iterable<String> names() {
    return NAMES;
  }

  /** Checks {@code value} against {@code format}; returns the problem, or null if it is valid. */
  public static String check(String format, String value) {
    return switch (format) {
      case "lbc-name" ->
          matches(
              NAME,
              value,
              "names start with a letter or digit and use only letters, digits, `.`, `_` and `-`"
                  + " (at most 63)");
      case "lbc-interface-name" ->
          matches(
              INTERFACE,
              value,
              "interface names like eth0 use letters, digits, `.`, `_` and `-` (at most 15)");
      case "lbc-adapter-name" ->
          matches(
              ADAPTER,
              value,
              "adapter names like `Ethernet 2` use letters, digits, spaces, `.`, `_`, `-` and"
                  + " parentheses (at most 64)");
      case "lbc-hostname" -> checkHostname(value);
      case "lbc-http-path" ->
          matches(
              HTTP_PATH,
              value,
              "a check path starts with `/` and uses letters, digits, `.`, `_`, `~`, `-` and `/`,"
                  + " e.g. /owa/healthcheck.htm");
      case "lbc-path" -> checkFilePath(value);
      case "lbc-secret" -> checkSecret(value);
      case "lbc-password-hash" ->
          matches(
              CRYPT_HASH,
              value,
              "expected a crypt(3) hash such as $6$salt$hash (from `mkpasswd -m sha-512`)");
      case "lbc-ip" -> IpAddress.parse(value).error();
      case "lbc-interface-address" -> IpNetwork.parseInterfaceAddress(value).error();
      case "lbc-source" -> SourceRange.parse(value).error();
      case "lbc-duration" -> Duration.parse(value).error();
      case "lbc-check-interval" -> checkInterval(value);
      case "lbc-timeout" -> checkTimeout(value);
      case "lbc-tcp-keepalive" -> checkTcpKeepalive(value);
      default -> throw new IllegalArgumentException("unknown format " + format);
    };
  }

  private static String matches(Pattern p, String v, String rule) {
    return p.matcher(v).matches() ? null : Messages.quote(v) + " is not valid: " + rule;
  }

  private static String checkHostname(String v) {
    String rule =
        Messages.quote(v)
            + " is not a host name: use a fully qualified DNS name like mail.example.com";
    if (v.length() > 253 || v.endsWith(".")) {
      return rule;
    }
    String[] labels = v.split("\\.", -1);
    if (labels.length < 2) {
      return rule;
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return rule;
      }
    }
    return null;
  }

  private static String checkFilePath(String v) {
    if (!FILE_PATH.matcher(v).matches() || v.contains("//") || v.endsWith("/")) {
      return Messages.quote(v)
          + " is not a usable file path: use letters, digits, `.`, `_`, `-` and `/` (at most 255)";
    }
    return null;
  }

  /** A health check interval: HAProxy refuses {@code inter 0}, and a check needs time to run. */
  private static String checkInterval(String v) {
    Parsed<Duration> d = Duration.parse(v);
    if (d.error() == null && d.get().millis() == 0) {
      return Messages.quote(v)
          + " is not a check interval: HAProxy refuses `inter 0`, and each check must finish"
          + " within its interval; leave it out for the default of 2s, or write a value such as"
          + " 5s";
    }
    return d.error();
  }

  /**
   * A client or server timeout. Zero means no timeout at all to HAProxy, not a short one: idle
   * Exchange connections would never be closed.
   */
  private static String checkTimeout(String v) {
    Parsed<Duration> d = Duration.parse(v);
    if (d.error() == null && d.get().millis() == 0) {
      return Messages.quote(v)
          + " is not a usable timeout: to HAProxy 0 means no timeout, so idle Exchange"
          + " connections would never be reaped; write 30m as the guides do (lbc's default)";
    }
    return d.error();
  }

  /** Shortest and longest TCP KeepAliveTime a server may be given. */
  public static final long MIN_TCP_KEEPALIVE_MS = 60_000L;

  public static final long MAX_TCP_KEEPALIVE_MS = 2 * 3_600_000L;

  /**
   * The servers' TCP KeepAliveTime. Below a minute the servers only send probes; above two hours
   * (Windows' own default) setting it changes nothing. Microsoft's Exchange guidance is 15 to 30
   * minutes, kept below every idle timeout between clients and servers.
   */
  private static String checkTcpKeepalive(String v) {
    Parsed<Duration> d = Duration.parse(v);
    if (d.error() != null) {
      return d.error();
    }
    long ms = d.get().millis();
    if (ms < MIN_TCP_KEEPALIVE_MS || ms > MAX_TCP_KEEPALIVE_MS) {
      return Messages.quote(v)
          + " is not a usable TCP keep-alive: write 1m to 2h; Microsoft's Exchange guidance is"
          + " 15m to 30m (lbc's default is 30m), below every idle timeout on the way";
    }
    return null;
  }

  private static String checkSecret(String v) {
    if (ENV_REF.matcher(v).matches() || LITERAL_SECRET.matcher(v).matches()) {
      return null;
    }
    return "the password must be `${env:NAME}` (lbc writes the reference into haproxy.cfg;"
        + " HAProxy reads it from its environment when it starts) or 1-128 characters from"
        + " letters, digits and !%*+,./:=?@^_~-";
  }
}
