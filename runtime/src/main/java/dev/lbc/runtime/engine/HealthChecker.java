package dev.lbc.runtime.engine;

import dev.lbc.compiler.plan.Plan.CheckPlan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;

/**
 * Health checks with HAProxy's semantics: every {@code interval}, a check that must finish within
 * the interval; {@code rise} successes bring a member UP, {@code fall} failures take it DOWN, and
 * each change is logged with its reason ("MBOX2 DOWN: GET /owa/healthcheck.htm returned 503, 3/3
 * failed"). HTTPS checks do not verify the certificate, as HAProxy's {@code verify none}.
 */
final class HealthChecker {
  private final ScheduledExecutorService scheduler;
  private final Consumer<String> log;

  HealthChecker(ScheduledExecutorService scheduler, Consumer<String> log) {
    this.scheduler = scheduler;
    this.log = log;
  }

  /** Schedules the checks of one member; returns the task, or null if it has no check. */
  java.util.concurrent.ScheduledFuture<?> watch(
      String service, Backend backend, CheckPlan check, int defaultPort) {
    if (check.type().equals("none")) {
      return null;
    }
    long interval = Math.max(100, check.intervalMs());
    return scheduler.scheduleWithFixedDelay(
        () -> run(service, backend, check, defaultPort), 0, interval, TimeUnit.MILLISECONDS);
  }

  private void run(String service, Backend b, CheckPlan check, int defaultPort) {
    int port = check.port() != null ? check.port() : b.portFor(defaultPort);
    String result;
    boolean ok;
    try {
      result = probe(check, b.host(), port, (int) Math.max(100, check.intervalMs()));
      ok = result == null;
    } catch (IOException | RuntimeException e) {
      result =
          describe(check)
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      ok = false;
    }
    String detail = ok ? describe(check) + " passed" : result;
    Boolean change = b.member().recordCheck(ok, detail);
    if (change != null) {
      log.accept(
          service
              + "/"
              + b.member().name()
              + (change
                  ? " UP: "
                      + detail
                      + ", "
                      + b.member().rise()
                      + "/"
                      + b.member().rise()
                      + " passed"
                  : " DOWN: "
                      + detail
                      + ", "
                      + b.member().fall()
                      + "/"
                      + b.member().fall()
                      + " failed"));
    }
  }

  private static String describe(CheckPlan c) {
    return switch (c.type()) {
      case "https-get", "http-get" -> "GET " + c.path();
      case "smtp-banner" -> "SMTP banner";
      default -> "TCP connect";
    };
  }

  /** Runs one check; returns null on success or the reason it failed. */
  static String probe(CheckPlan c, String host, int port, int timeoutMs) throws IOException {
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(host, port), timeoutMs);
      raw.setSoTimeout(timeoutMs);
      switch (c.type()) {
        case "tcp-connect" -> {
          return null;
        }
        case "smtp-banner" -> {
          String banner =
              new BufferedReader(
                      new InputStreamReader(raw.getInputStream(), StandardCharsets.US_ASCII))
                  .readLine();
          if (banner == null) {
            return "SMTP banner: connection closed";
          }
          if (banner.startsWith("220")) {
            return null;
          }
          return "SMTP banner: "
              + (banner.matches("^[0-9]{3}.*")
                  ? "answered " + banner.substring(0, 3)
                  : "not an SMTP server");
        }
        default -> {
          Socket s = raw;
          if (c.type().equals("https-get")) {
            SSLSocket tls =
                (SSLSocket) Tls.trustAll().getSocketFactory().createSocket(raw, host, port, true);
            tls.startHandshake();
            s = tls;
          }
          OutputStream out = s.getOutputStream();
          String hostHeader = c.host() != null ? c.host() : host;
          out.write(
              ("GET "
                      + c.path()
                      + " HTTP/1.1\r\nHost: "
                      + hostHeader
                      + "\r\nConnection: close\r\nUser-Agent: lbc-check\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          String status =
              new BufferedReader(
                      new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                  .readLine();
          if (status == null || !status.startsWith("HTTP/")) {
            return "GET " + c.path() + ": no HTTP response";
          }
          String[] parts = status.split(" ", 3);
          int code =
              parts.length > 1 && parts[1].matches("[0-9]{3}") ? Integer.parseInt(parts[1]) : -1;
          return code == c.expect() ? null : "GET " + c.path() + " returned " + code;
        }
      }
    }
  }
}
