package dev.lbc.runtime.haproxy;

import java.io.IOException;
import java.nio.file.Path;

/**
 * HAProxy's own Prometheus exporter, read for lbc's {@code /metrics} when {@code lbc run --engine
 * haproxy} serves: the run's haproxy.cfg has a frontend on a Unix socket in the run folder that
 * answers every request with the exporter ({@link #frontend}), so lbc needs no credentials for it
 * and nothing else can reach it. Bounded in time and size as the stats socket is.
 */
public final class HaproxyMetrics {
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
            "GET /metrics HTTP/1.0\r\nHost: lbc\r\n\r\n",
            "GET /metrics on HAProxy's exporter");
    int end = answer.indexOf("\r\n\r\n");
    if (end < 0 || !answer.startsWith("HTTP/1.1 200 ") && !answer.startsWith("HTTP/1.0 200 ")) {
      String first = answer.lines().findFirst().orElse("no answer");
      throw new IOException("HAProxy's exporter answered: " + first);
    }
    return answer.substring(end + 4);
  }
}
