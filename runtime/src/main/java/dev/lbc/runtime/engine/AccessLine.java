package dev.lbc.runtime.engine;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Access log lines in HAProxy's own formats, so that the tools that read HAProxy's logs (halog,
 * GoAccess, the usual grok patterns) read lbc's: {@code option httplog} is
 *
 * <pre>
 * %ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %{+Q}r
 * </pre>
 *
 * <p>(no {@code %hr %hs}: HAProxy writes them only for captured headers, and lbc captures none),
 * and {@code option tcplog} is
 *
 * <pre>%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq</pre>
 *
 * <p>Pure functions of what the proxies measured. A time that did not happen (no server was
 * reached) is -1, as in HAProxy; lbc has no queues, so the queue times and lengths are 0.
 */
final class AccessLine {
  private AccessLine() {}

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ENGLISH)
          .withZone(ZoneId.systemDefault());

  /** Who, where and how busy: the fields both formats share. */
  record Session(
      InetSocketAddress client,
      String frontend,
      String backend,
      String server,
      int frontendConnections,
      int backendConnections,
      int serverConnections,
      int retries) {}

  /**
   * One HTTP request: received at {@code startMs} (epoch), its head took {@code headMs}, the
   * connect {@code connectMs}, the server's response head {@code responseMs}, the whole exchange
   * {@code activeMs}; {@code bytes} went to the client.
   */
  static String http(
      Session s,
      long startMs,
      long headMs,
      long connectMs,
      long responseMs,
      long activeMs,
      int status,
      long bytes,
      String termination,
      String requestLine) {
    return prefix(s, startMs)
        + " "
        + headMs
        + "/"
        + waited(s)
        + "/"
        + connectMs
        + "/"
        + responseMs
        + "/"
        + activeMs
        + " "
        + status
        + " "
        + bytes
        + " - - "
        + termination
        + " "
        + counts(s)
        + " 0/0 \""
        + escape(requestLine)
        + "\"";
  }

  /** One TCP session, from its accept at {@code startMs} to its end {@code totalMs} later. */
  static String tcp(
      Session s, long startMs, long connectMs, long totalMs, long bytes, String termination) {
    return prefix(s, startMs)
        + " "
        + waited(s)
        + "/"
        + connectMs
        + "/"
        + totalMs
        + " "
        + bytes
        + " "
        + termination
        + " "
        + counts(s)
        + " 0/0";
  }

  // %Tw: lbc queues nothing, so 0 once a server was chosen; -1 (never queued) if none was
  private static String waited(Session s) {
    return s.server() == null ? "-1" : "0";
  }

  private static String prefix(Session s, long startMs) {
    return s.client().getAddress().getHostAddress()
        + ":"
        + s.client().getPort()
        + " ["
        + DATE.format(Instant.ofEpochMilli(startMs))
        + "] "
        + s.frontend()
        + " "
        + s.backend()
        + "/"
        + (s.server() == null ? "<NOSRV>" : s.server());
  }

  // %ac is the process's connections in HAProxy; lbc logs the frontend's there too (one engine
  // per deployment, the figure an operator compares with %fc)
  private static String counts(Session s) {
    return s.frontendConnections()
        + "/"
        + s.frontendConnections()
        + "/"
        + s.backendConnections()
        + "/"
        + s.serverConnections()
        + "/"
        + s.retries();
  }

  /**
   * The request line as HAProxy logs it: a double quote, a '#', control characters and bytes past
   * ASCII become #XX, so a client cannot end the field or forge a line.
   */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (byte c : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int u = c & 0xff;
      if (u < 0x20 || u >= 0x7f || u == '"' || u == '#') {
        b.append('#').append(String.format(Locale.ROOT, "%02X", u));
      } else {
        b.append((char) u);
      }
    }
    return b.toString();
  }
}
