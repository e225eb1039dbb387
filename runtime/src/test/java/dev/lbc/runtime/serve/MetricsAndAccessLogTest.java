package dev.lbc.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.runtime.engine.BindMap;
import dev.lbc.testsupport.Lbc;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} on the admin address, for both engines, as Prometheus reads it: it passes
 * {@code promtool check metrics}, carries HAProxy's exporter's names, and its counters are the
 * requests this test sent; and {@code --access-log} writes one httplog line per request and one
 * tcplog line per TCP session, parsed back and matched to what was sent.
 */
class MetricsAndAccessLogTest {
  private static final String YAML =
      """
      lbc: 1
      name: metrics-test
      exchange: 2016
      appliances:
        primary: { hostname: lb1, address: %1$s.5/8 }
        admin-password: lab
      servers:
        - { name: MBOX1, address: %1$s.20 }
        - { name: MBOX2, address: %1$s.21 }
      services:
        - name: WEB
          vip: %1$s.10
          ports: [%2$d]
          mode: snat
          protocol: http
          health-check: { type: http-get, path: /owa/healthcheck.htm, interval: 1s }
          real-servers: [{ server: MBOX1 }, { server: MBOX2 }]
        - name: RAW
          vip: %1$s.10
          ports: [%3$d]
          mode: snat
          health-check: { type: tcp-connect, interval: 1s }
          real-servers: [{ server: MBOX1 }, { server: MBOX2 }]
      """;

  /** HAProxy's httplog: %ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc ... */
  static final Pattern HTTPLOG =
      Pattern.compile(
          "^(?<ci>[0-9.]+):(?<cp>\\d+) \\[(?<tr>\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d\\.\\d{3})\\]"
              + " (?<ft>\\S+) (?<b>\\S+)/(?<s>\\S+) (?<TR>-?\\d+)/(?<Tw>-?\\d+)/(?<Tc>-?\\d+)"
              + "/(?<Tr>-?\\d+)/(?<Ta>\\d+) (?<ST>-?\\d+) (?<B>\\d+) (?<CC>\\S+) (?<CS>\\S+)"
              + " (?<tsc>\\S{4}) \\d+/\\d+/\\d+/\\d+/\\d+ \\d+/\\d+ \"(?<r>[^\"]*)\"$");

  /** HAProxy's tcplog: %ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq */
  static final Pattern TCPLOG =
      Pattern.compile(
          "^(?<ci>[0-9.]+):(?<cp>\\d+) \\[[^]]+\\] (?<ft>\\S+) (?<b>\\S+)/(?<s>\\S+)"
              + " (?<Tw>-?\\d+)/(?<Tc>-?\\d+)/(?<Tt>\\d+) (?<B>\\d+) (?<ts>\\S{2})"
              + " \\d+/\\d+/\\d+/\\d+/\\d+ \\d+/\\d+$");

  private final List<String> log = new CopyOnWriteArrayList<>();

  @Test
  void embeddedMetricsPassPromtoolAndCountTheRequestsSent(@TempDir Path tmp) throws Exception {
    Run run = new Run("127.0.3", 21280, 21281, Serve.EngineKind.EMBEDDED, tmp, log);
    try (Serving serving = run.start()) {
      run.exercise(serving);
      List<String> lines = awaitLines(run.accessLog, 7);
      List<Matcher> http = new ArrayList<>();
      Set<String> servers = new HashSet<>();
      for (String line : lines) {
        Matcher m = HTTPLOG.matcher(line);
        if (m.matches()) {
          http.add(m);
          servers.add(m.group("s"));
          assertEquals("WEB", m.group("ft"), line);
          assertEquals("WEB", m.group("b"), line);
          assertEquals("200", m.group("ST"), line);
          assertEquals("----", m.group("tsc"), line);
          assertTrue(Long.parseLong(m.group("B")) > 0, line);
        } else {
          Matcher t = TCPLOG.matcher(line);
          assertTrue(t.matches(), "neither httplog nor tcplog: " + line);
          assertEquals("RAW", t.group("ft"), line);
          assertTrue(t.group("s").startsWith("MBOX"), line);
          assertEquals("--", t.group("ts"), line);
          assertTrue(Long.parseLong(t.group("B")) > 0, line);
        }
      }
      assertEquals(
          List.of(0, 1, 2, 3, 4, 5).stream().map(i -> "GET /owa/" + i + " HTTP/1.1").toList(),
          http.stream().map(m -> m.group("r")).toList());
      assertEquals(Set.of("MBOX1", "MBOX2"), servers, "round robin over both");

      // a reload refused, then one served: lbc_config_reload_success follows, and the time
      int admin = serving.adminPort();
      String text = get("127.0.0.1", admin, "/metrics", "admin:secret");
      double started = value(text, "lbc_config_last_reload_timestamp_seconds");
      Files.writeString(run.file, Files.readString(run.file).replace("mode: snat", "mode: snatt"));
      serving.reload();
      text = get("127.0.0.1", admin, "/metrics", "admin:secret");
      assertEquals(0, value(text, "lbc_config_reload_success"), text);
      assertEquals(started, value(text, "lbc_config_last_reload_timestamp_seconds"));
      // the edit undone: the file is what serves again, which is no new load
      Files.writeString(run.file, Files.readString(run.file).replace("mode: snatt", "mode: snat"));
      serving.reload();
      text = get("127.0.0.1", admin, "/metrics", "admin:secret");
      assertEquals(1, value(text, "lbc_config_reload_success"), log.toString());
      assertEquals(started, value(text, "lbc_config_last_reload_timestamp_seconds"));
      Thread.sleep(20); // a later reload has a later time, to the millisecond
      Files.writeString(
          run.file, Files.readString(run.file).replace("interval: 1s }", "interval: 2s }"));
      serving.reload();
      text = get("127.0.0.1", admin, "/metrics", "admin:secret");
      assertEquals(1, value(text, "lbc_config_reload_success"), log.toString());
      assertTrue(log.contains("reloaded metrics.yaml"), log.toString());
      assertTrue(value(text, "lbc_config_last_reload_timestamp_seconds") > started, text);
    }
  }

  @Test
  void haproxyMetricsPassPromtoolAndCountTheRequestsSent(@TempDir Path tmp) throws Exception {
    Run run = new Run("127.0.4", 21290, 21291, Serve.EngineKind.HAPROXY, tmp, log);
    try (Serving serving = run.start()) {
      run.exercise(serving);
      // the compiled stats listener serves HAProxy's exporter behind the stats page's credentials
      String anonymous = get("127.0.4.5", 7777, "/metrics", null);
      assertTrue(anonymous.startsWith("HTTP/1.1 401"), anonymous);
      String wrong = get("127.0.4.5", 7777, "/metrics", "admin:wrong");
      assertTrue(wrong.startsWith("HTTP/1.1 401"), wrong);
      String stats = get("127.0.4.5", 7777, "/metrics", "admin:lab");
      assertTrue(stats.startsWith("HTTP/1.1 200"), stats);
      assertTrue(stats.contains("haproxy_frontend_sessions_total{proxy=\"WEB\"} 6"), stats);
      // HAProxy's own httplog and tcplog lines, through lbc's access log
      List<String> lines = awaitLines(run.accessLog, 7);
      List<String> requests = new ArrayList<>();
      for (String line : lines) {
        Matcher m = HTTPLOG.matcher(line);
        if (m.matches()) {
          assertEquals("WEB", m.group("ft"), line);
          assertEquals("200", m.group("ST"), line);
          requests.add(m.group("r"));
        } else {
          Matcher t = TCPLOG.matcher(line);
          assertTrue(t.matches(), "neither httplog nor tcplog: " + line);
          assertEquals("RAW", t.group("ft"), line);
        }
      }
      // each request logged once; HAProxy writes a line when the stream ends, on whichever thread
      // served it, so a request's line may overtake its predecessor's
      requests.sort(null);
      assertEquals(
          List.of(0, 1, 2, 3, 4, 5).stream().map(i -> "GET /owa/" + i + " HTTP/1.1").toList(),
          requests);
    }
  }

  /**
   * A deployment of one HTTP and one TCP service on simulated servers, served by {@code engine}.
   */
  static final class Run {
    final List<String> log;
    final String net;
    final int web;
    final int raw;
    final Serve.EngineKind engine;
    final Path file;
    Path accessLog;

    Run(String net, int web, int raw, Serve.EngineKind engine, Path tmp, List<String> log)
        throws IOException {
      this.log = log;
      this.net = net;
      this.web = web;
      this.raw = raw;
      this.engine = engine;
      this.file = tmp.resolve("metrics.yaml");
      this.accessLog = tmp.resolve("access.log");
      Files.writeString(file, YAML.formatted(net, web, raw));
    }

    Serving start() throws Exception {
      Plan plan = Lbc.plan(Files.readString(file));
      Serve.Options o =
          new Serve.Options(
                  file,
                  "metrics.yaml",
                  engine,
                  BindMap.parse(List.of()),
                  new AdminAddress("127.0.0.1", 0),
                  true,
                  false,
                  100,
                  false,
                  "admin",
                  "secret")
              .withAccessLog(accessLog.toString());
      return Serve.start(o, plan, log::add, r -> log.add("refused: " + r));
    }

    /** Six HTTP requests and one TCP session, then the metrics checked against them. */
    void awaitReady(Serving serving) throws Exception {
      int admin = serving.adminPort();
      awaitMetric(admin, "haproxy_backend_active_servers{proxy=\"WEB\"}", 2, log);
      awaitMetric(admin, "haproxy_backend_active_servers{proxy=\"RAW\"}", 2, log);
    }

    void exercise(Serving serving) throws Exception {
      int admin = serving.adminPort();
      awaitReady(serving);
      for (int i = 0; i < 6; i++) {
        String answer = get(net + ".10", web, "/owa/" + i, null);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      }
      String viaTcp = get(net + ".10", raw, "/ews/x", null);
      assertTrue(viaTcp.startsWith("HTTP/1.1 200"), viaTcp);
      // the TCP session ends when both sides have closed; its counters follow shortly
      awaitMetric(admin, "haproxy_frontend_current_sessions{proxy=\"RAW\"}", 0, log);

      String answer = get("127.0.0.1", admin, "/metrics", "admin:secret");
      assertTrue(
          answer.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n")
              || answer.contains("content-type: text/plain; version=0.0.4; charset=utf-8\r\n"),
          answer.substring(0, Math.min(400, answer.length())));
      String text = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      promtool(text);
      assertEquals(6, value(text, "haproxy_frontend_sessions_total{proxy=\"WEB\"}"), text);
      assertEquals(
          6, value(text, "haproxy_frontend_http_responses_total{proxy=\"WEB\",code=\"2xx\"}"));
      assertEquals(
          0, value(text, "haproxy_frontend_http_responses_total{proxy=\"WEB\",code=\"5xx\"}"));
      assertEquals(1, value(text, "haproxy_frontend_sessions_total{proxy=\"RAW\"}"), text);
      assertEquals(
          6,
          value(text, "haproxy_server_sessions_total{proxy=\"WEB\",server=\"MBOX1\"}")
              + value(text, "haproxy_server_sessions_total{proxy=\"WEB\",server=\"MBOX2\"}"));
      assertEquals(
          1, value(text, "haproxy_server_status{proxy=\"WEB\",server=\"MBOX1\",state=\"UP\"}"));
      assertEquals(
          0, value(text, "haproxy_server_status{proxy=\"WEB\",server=\"MBOX1\",state=\"DOWN\"}"));
      assertEquals(1, value(text, "haproxy_backend_status{proxy=\"WEB\",state=\"UP\"}"));
      assertEquals(
          0, value(text, "haproxy_server_check_up_down_total{proxy=\"WEB\",server=\"MBOX2\"}"));
      assertEquals(100, value(text, "haproxy_server_weight{proxy=\"WEB\",server=\"MBOX2\"}"));
      assertTrue(text.contains("\nhaproxy_server_check_failures_total{"), text);
      assertEquals(1, value(text, "lbc_config_reload_success"));
      long loaded = (long) value(text, "lbc_config_last_reload_timestamp_seconds");
      assertTrue(Math.abs(System.currentTimeMillis() / 1000 - loaded) < 120, text);
      assertEquals(0, value(text, "lbc_access_log_dropped_total"));
      if (engine == Serve.EngineKind.EMBEDDED) {
        // the embedded engine's handshake queue (HandshakesTest drives it)
        assertEquals(0, value(text, "lbc_tls_handshakes_waiting"));
        assertEquals(0, value(text, "lbc_tls_handshakes_abandoned_total"));
      }

      String refused = get("127.0.0.1", admin, "/metrics", "admin:wrong");
      assertTrue(refused.startsWith("HTTP/1.1 401"), refused);

      // MBOX2's OWA made inactive: its checks fail, it goes DOWN once, the pool has one server
      String inactive = post(admin, "/api/simulated/MBOX2/inactive");
      assertTrue(inactive.startsWith("HTTP/1.1 200"), inactive);
      String mbox2 = "{proxy=\"WEB\",server=\"MBOX2\"";
      awaitMetric(admin, "haproxy_server_status" + mbox2 + ",state=\"DOWN\"}", 1, log);
      String down = get("127.0.0.1", admin, "/metrics", "admin:secret");
      assertEquals(1, value(down, "haproxy_server_check_up_down_total" + mbox2 + "}"), down);
      assertTrue(value(down, "haproxy_server_check_failures_total" + mbox2 + "}") >= 1, down);
      assertEquals(1, value(down, "haproxy_backend_active_servers{proxy=\"WEB\"}"), down);
      assertEquals(
          0, value(down, "haproxy_server_check_up_down_total{proxy=\"WEB\",server=\"MBOX1\"}"));
    }

    /** A POST to the admin API, as a script sends it. */
    private String post(int admin, String path) throws IOException {
      try (Socket s = new Socket("127.0.0.1", admin)) {
        s.setSoTimeout(5000);
        s.getOutputStream()
            .write(
                ("POST "
                        + path
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                        + Base64.getEncoder()
                            .encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8))
                        + "\r\nX-Requested-With: test\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  static void awaitMetric(int admin, String sample, double expected, List<String> log)
      throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    String text = "";
    while (System.currentTimeMillis() < deadline) {
      text = get("127.0.0.1", admin, "/metrics", "admin:secret");
      if (text.startsWith("HTTP/1.1 200") && value(text, sample) == expected) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(sample + " never became " + expected + ":\n" + text + "\n" + log);
  }

  /** The value of one sample, as written; NaN if it is missing. */
  static double value(String text, String sample) {
    for (String line : text.split("\n")) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).trim());
      }
    }
    return Double.NaN;
  }

  static void promtool(String text) throws Exception {
    Path in = Files.createTempFile("lbc-metrics", ".txt");
    Files.writeString(in, text);
    Process p =
        new ProcessBuilder("promtool", "check", "metrics")
            .redirectInput(in.toFile())
            .redirectErrorStream(true)
            .start();
    Files.delete(in);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
    assertEquals(0, p.exitValue(), "promtool check metrics: " + out);
  }

  static List<String> awaitLines(Path file, int count) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    List<String> lines = List.of();
    while (System.currentTimeMillis() < deadline) {
      lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
      if (lines.size() >= count) {
        return lines;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("expected " + count + " access log lines, got " + lines);
  }

  /** One request on a connection of its own, the whole answer read until the server closes. */
  static String get(String host, int port, String path, String credentials) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 2000);
      s.setSoTimeout(5000);
      String auth =
          credentials == null
              ? ""
              : "Authorization: Basic "
                  + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))
                  + "\r\n";
      s.getOutputStream()
          .write(
              ("GET "
                      + path
                      + " HTTP/1.1\r\nHost: "
                      + host
                      + ":"
                      + port
                      + "\r\n"
                      + auth
                      + "Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
