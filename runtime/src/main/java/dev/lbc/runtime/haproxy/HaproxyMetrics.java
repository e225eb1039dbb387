package dev.lbc.runtime.haproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * HAProxy's own Prometheus exporter, read for lbc's {@code /metrics} when {@code lbc run --engine
 * haproxy} serves: the run's haproxy.cfg has a frontend on a Unix socket in the run folder that
 * answers every request with the exporter ({@link #frontend}), so lbc needs no credentials for it
 * and nothing else can reach it. Bounded in time and size as the stats socket is.
 */
public final class HaproxyMetrics {
  /**
   * The frontends, backends and servers; not the process scope, whose {@code
   * haproxy_process_failed_resolutions} (a counter without {@code _total}, HAProxy 2.6) fails
   * {@code promtool check metrics}.
   */
  static final String PATH = "/metrics?scope=frontend&scope=backend&scope=server";

  private final Path socket;

  public HaproxyMetrics(Path socket) {
    this.socket = socket;
  }

  /** The section the run appends to the compiled haproxy.cfg. */
  public static String frontend(Path socket) {
    return "\n# lbc run only: HAProxy's exporter for lbc's /metrics, on a socket in the run folder\n"
        + "frontend lbc-metrics\n"
        + "    bind unix@"
        + socket
        + " mode 600\n"
        + "    mode http\n"
        + "    http-request use-service prometheus-exporter\n";
  }

  /** The exporter's text, without the HTTP head; an IOException says why it cannot be had. */
  public String metrics() throws IOException {
    String answer =
        HaproxyStatus.exchange(
            socket,
            "GET " + PATH + " HTTP/1.0\r\nHost: lbc\r\n\r\n",
            "GET /metrics on HAProxy's exporter");
    int end = answer.indexOf("\r\n\r\n");
    if (end < 0 || !answer.startsWith("HTTP/1.1 200 ") && !answer.startsWith("HTTP/1.0 200 ")) {
      String first = answer.lines().findFirst().orElse("no answer");
      throw new IOException("HAProxy's exporter answered: " + first);
    }
    String head = answer.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    String body = answer.substring(end + 4);
    // HAProxy chunks the exporter's answer even to an HTTP/1.0 request
    return head.contains("\r\ntransfer-encoding: chunked") ? dechunk(body) : body;
  }

  /** The data of a chunked body (RFC 9112 7.1); an IOException if it is cut short or malformed. */
  static String dechunk(String body) throws IOException {
    byte[] in = body.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int eol = indexOfCrlf(in, at);
      if (eol < 0) {
        throw new IOException("HAProxy's exporter answer is cut short");
      }
      String size = new String(in, at, eol - at, StandardCharsets.US_ASCII).replaceAll(";.*", "");
      int n;
      try {
        n = Integer.parseInt(size.trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("HAProxy's exporter answer has a malformed chunk size: " + size);
      }
      at = eol + 2;
      if (n == 0) {
        return out.toString(StandardCharsets.UTF_8);
      }
      if (n < 0 || at + n + 2 > in.length) {
        throw new IOException("HAProxy's exporter answer is cut short");
      }
      out.write(in, at, n);
      at += n + 2;
    }
  }

  private static int indexOfCrlf(byte[] in, int from) {
    for (int i = from; i + 1 < in.length; i++) {
      if (in[i] == '\r' && in[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
