package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.model.Vdir;
import dev.lbc.runtime.admin.EmbeddedMetrics;
import dev.lbc.runtime.admin.EmbeddedStatus;
import dev.lbc.runtime.admin.Metrics;
import dev.lbc.runtime.sim.SimulatedExchange;
import dev.lbc.testsupport.Lbc;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-vdir routing and health in the embedded engine (issue 12 §1): requests go to the pool of
 * their vdir by path prefix, each pool checks its own healthcheck.htm, and a server whose OWA is
 * made inactive (Set-ServerComponentState -Component OwaProxy) leaves the OWA pool only.
 */
class EngineVdirTest {
  private static final String VIP = "127.0.0.12";
  private static final int PORT = 25180;
  private static final long INTERVAL = 300;
  private static final int RISE = 2;
  private static final int FALL = 2;
  private final List<SimulatedExchange> sims = new ArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private Engine engine;
  private String yaml;

  @BeforeEach
  void start() throws Exception {
    yaml =
        """
        lbc: 1
        name: vdir-test
        exchange: se
        appliances:
          primary: { hostname: lb1, address: 127.0.0.5/8 }
        servers:
          - { name: MBOX1, address: 127.0.0.31 }
          - { name: MBOX2, address: 127.0.0.32 }
        services:
          - name: WEB
            vip: %s
            ports: [%d]
            mode: snat
            protocol: http
            vdirs: [owa, ews, activesync]
            health-check: { type: http-get, path: /owa/healthcheck.htm, interval: %dms, rise: %d, fall: %d }
            real-servers: [{ server: MBOX1, port: %d }, { server: MBOX2, port: %d }]
        """
            .formatted(VIP, PORT, INTERVAL, RISE, FALL, PORT, PORT);
    for (String[] s : new String[][] {{"MBOX1", "127.0.0.31"}, {"MBOX2", "127.0.0.32"}}) {
      SimulatedExchange sim = new SimulatedExchange(s[0]);
      sims.add(sim);
      sim.listen(s[1], PORT, "http");
    }
    engine = Engine.start(Lbc.plan(yaml), BindMap.parse(List.of()), log::add);
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    sims.forEach(SimulatedExchange::close);
  }

  /** The server that answered a GET of {@code path}, over a connection of its own. */
  private static String servedBy(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://" + VIP + ":" + PORT + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.headers().firstValue("X-Served-By").orElseThrow();
  }

  private static Set<String> spread(String path, int requests) throws Exception {
    Set<String> seen = new TreeSet<>();
    for (int i = 0; i < requests; i++) {
      seen.add(servedBy(path));
    }
    return seen;
  }

  /** The state of {@code server} in the pool of {@code vdir}, as the status API shows it. */
  @SuppressWarnings("unchecked")
  private String state(String vdir, String server) {
    for (Map<String, Object> s : new EmbeddedStatus(engine).services()) {
      for (Object v : (List<Object>) s.get("vdirs")) {
        Map<String, Object> pool = (Map<String, Object>) v;
        if (pool.get("name").equals(vdir)) {
          for (Object m : (List<Object>) pool.get("members")) {
            Map<String, Object> member = (Map<String, Object>) m;
            if (member.get("server").equals(server)) {
              return (String) member.get("state");
            }
          }
        }
      }
    }
    throw new AssertionError("no " + vdir + "/" + server + " in the status");
  }

  /** Milliseconds until {@code vdir}/{@code server} shows {@code state}, at most {@code max}. */
  private long until(String vdir, String server, String state, long max) throws Exception {
    long start = System.nanoTime();
    while (!state.equals(state(vdir, server))) {
      long took = (System.nanoTime() - start) / 1_000_000;
      assertTrue(took < max, vdir + "/" + server + " not " + state + " after " + took + " ms");
      Thread.sleep(20);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void oneServersOwaInactiveMovesOwaOnlyAndBothRecover() throws Exception {
    // The first checks have run: every member of every pool is UP.
    until("owa", "MBOX2", "UP", 5_000);
    assertEquals(Set.of("MBOX1", "MBOX2"), spread("/owa/", 6));
    assertEquals(Set.of("MBOX1", "MBOX2"), spread("/EWS/Exchange.asmx", 6));
    assertEquals(Set.of("MBOX1", "MBOX2"), spread("/Microsoft-Server-ActiveSync?Cmd=Ping", 6));

    sims.get(1).setActive(Vdir.OWA, false);
    // A check in flight may still pass: fall failures need at most (fall + 1) intervals, plus one
    // for the scheduling of the interval in which the change lands.
    long down = until("owa", "MBOX2", "DOWN", (FALL + 2) * INTERVAL);
    assertEquals(Set.of("MBOX1"), spread("/owa/", 8), "OWA after MBOX2's went DOWN (" + down + ")");
    assertEquals(Set.of("MBOX1", "MBOX2"), spread("/ews/", 6), "EWS still spreads");
    assertEquals("UP", state("ews", "MBOX2"));
    assertEquals("UP", state("activesync", "MBOX2"));
    assertTrue(
        log.stream().anyMatch(l -> l.startsWith("WEB-owa/MBOX2 DOWN: GET /owa/healthcheck.htm")),
        log.toString());

    sims.get(1).setActive(Vdir.OWA, true);
    until("owa", "MBOX2", "UP", (RISE + 2) * INTERVAL);
    assertEquals(Set.of("MBOX1", "MBOX2"), spread("/owa/", 6));
    assertEquals(Set.of("MBOX1", "MBOX2"), spread("/ews/", 6));
  }

  @Test
  void metricsShowEachVdirPoolAsABackendOfItsOwn() throws Exception {
    until("owa", "MBOX2", "UP", 5_000);
    sims.get(1).setActive(Vdir.OWA, false);
    until("owa", "MBOX2", "DOWN", (FALL + 2) * INTERVAL);
    spread("/owa/", 4);
    String text = Metrics.render(EmbeddedMetrics.families(engine));
    // as HAProxy's exporter shows the generated config's per-vdir backends
    assertTrue(text.contains("haproxy_backend_active_servers{proxy=\"WEB-owa\"} 1\n"), text);
    assertTrue(text.contains("haproxy_backend_active_servers{proxy=\"WEB-ews\"} 2\n"), text);
    assertTrue(
        text.contains("haproxy_server_sessions_total{proxy=\"WEB-owa\",server=\"MBOX1\"} "), text);
    assertTrue(
        text.contains(
            "haproxy_server_status{proxy=\"WEB-owa\",server=\"MBOX2\",state=\"DOWN\"} 1\n"),
        text);
    sims.get(1).setActive(Vdir.OWA, true);
  }

  @Test
  void aReloadKeepsEachVdirPoolsMemberState() throws Exception {
    until("owa", "MBOX2", "UP", 5_000);
    sims.get(1).setActive(Vdir.OWA, false);
    until("owa", "MBOX2", "DOWN", (FALL + 2) * INTERVAL);
    new EmbeddedStatus(engine).act("WEB", "ews", "MBOX1", "drain");
    // The same file saved again, with a new weight: every pool's members are kept.
    String reloaded =
        yaml.replace(
            "port: %d }, { server: MBOX2".formatted(PORT),
            "port: %d, weight: 2 }, { server: MBOX2".formatted(PORT));
    assertTrue(!reloaded.equals(yaml), "the reload changes the file");
    engine.reload(Lbc.plan(reloaded));
    assertEquals("DOWN", state("owa", "MBOX2"), "health carried over");
    assertEquals("DRAIN", state("ews", "MBOX1"), "the drain carried over");
    assertEquals("UP", state("ews", "MBOX2"));
    assertEquals("UP", state("activesync", "MBOX1"));
    assertEquals(Set.of("MBOX1"), spread("/owa/", 4));
    assertEquals(Set.of("MBOX2"), spread("/ews/", 4));
  }

  @Test
  void aKeepAliveConnectionFollowsEachRequestToItsPool() throws Exception {
    until("owa", "MBOX2", "UP", 5_000);
    sims.get(1).setActive(Vdir.OWA, false);
    until("owa", "MBOX2", "DOWN", (FALL + 2) * INTERVAL);
    sims.get(0).setActive(Vdir.EWS, false);
    until("ews", "MBOX1", "DOWN", (FALL + 2) * INTERVAL);
    // One client connection, requests alternating between OWA (MBOX1 only) and EWS (MBOX2 only),
    // the last two pipelined: each is answered by a server of its own pool.
    try (Socket s = new Socket(VIP, PORT)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      String get = "GET %s HTTP/1.1\r\nHost: mail\r\n\r\n";
      List<String> served = new ArrayList<>();
      for (String path : List.of("/owa/", "/ews/", "/OWA/x")) {
        out.write(get.formatted(path).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        served.add(answer(in));
      }
      out.write(
          (get.formatted("/ews/a") + get.formatted("/owa/b")).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      served.add(answer(in));
      served.add(answer(in));
      assertEquals(List.of("MBOX1", "MBOX2", "MBOX1", "MBOX2", "MBOX1"), served);
    }
  }

  @Test
  void anInterimResponseDoesNotEndTheRequestItAnswers() throws Exception {
    until("owa", "MBOX2", "UP", 5_000);
    sims.get(1).setActive(Vdir.OWA, false);
    until("owa", "MBOX2", "DOWN", (FALL + 2) * INTERVAL);
    sims.get(0).setActive(Vdir.EWS, false);
    until("ews", "MBOX1", "DOWN", (FALL + 2) * INTERVAL);
    // An EWS upload waits for 100 Continue, then sends its body and, pipelined, an OWA request.
    // The 100 is not the upload's answer: its server connection must stay until the final one,
    // and the OWA request wait for it (else the client reads OWA's answer as the upload's).
    try (Socket s = new Socket(VIP, PORT)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      out.write(
          ("POST /ews/exchange.asmx HTTP/1.1\r\nHost: mail\r\nExpect: 100-continue\r\n"
                  + "Content-Length: 4\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertEquals("HTTP/1.1 100 Continue", in.readLine());
      assertEquals("", in.readLine());
      out.write("bodyGET /owa/ HTTP/1.1\r\nHost: mail\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertEquals(List.of("MBOX2", "MBOX1"), List.of(answer(in), answer(in)));
    }
  }

  @Test
  void anUploadAfter100ContinueIsNotCutByTheHeaderTimeout() throws Exception {
    engine.close();
    engine =
        Engine.start(
            Lbc.plan(yaml),
            BindMap.parse(List.of()),
            log::add,
            new Engine.Options(java.nio.file.Path.of("."), 500));
    try (Socket s = new Socket(VIP, PORT)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      out.write(
          ("POST /ews/exchange.asmx HTTP/1.1\r\nHost: mail\r\nExpect: 100-continue\r\n"
                  + "Content-Length: 4\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertEquals("HTTP/1.1 100 Continue", in.readLine());
      assertEquals("", in.readLine());
      // The body takes longer than the header timeout: it is a body, not a slow request head.
      for (char c : "body".toCharArray()) {
        Thread.sleep(300);
        out.write(c);
        out.flush();
      }
      assertTrue(Set.of("MBOX1", "MBOX2").contains(answer(in)));
    }
  }

  /** Reads one answer with a Content-Length body; returns its X-Served-By. */
  private static String answer(BufferedReader in) throws Exception {
    assertEquals("HTTP/1.1 200 OK", in.readLine());
    String by = null;
    int length = 0;
    for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
      String lower = line.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("x-served-by:")) {
        by = line.substring(12).trim();
      } else if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    for (int i = 0; i < length; i++) {
      in.read();
    }
    return by;
  }

  @Test
  void pathsRouteAtASegmentBoundaryCaseInsensitively() {
    List<Vdir> prefixes = List.of(Vdir.OWA, Vdir.ACTIVESYNC);
    assertEquals(0, ServiceRuntime.routeIndex("/owa", prefixes));
    assertEquals(0, ServiceRuntime.routeIndex("/owa/", prefixes));
    assertEquals(0, ServiceRuntime.routeIndex("/owa?x=1", prefixes));
    assertEquals(0, ServiceRuntime.routeIndex("/OWA/auth/logon.aspx", prefixes));
    assertEquals(0, ServiceRuntime.routeIndex("http://mail.example.com/Owa/", prefixes));
    assertEquals(1, ServiceRuntime.routeIndex("/Microsoft-Server-ActiveSync?Cmd=Sync", prefixes));
    assertEquals(-1, ServiceRuntime.routeIndex("/owash", prefixes));
    assertEquals(-1, ServiceRuntime.routeIndex("/ow", prefixes));
    assertEquals(-1, ServiceRuntime.routeIndex("/", prefixes));
    assertEquals(-1, ServiceRuntime.routeIndex("/ecp/owa/", prefixes));
    assertEquals(-1, ServiceRuntime.routeIndex("*", prefixes));
    assertEquals(-1, ServiceRuntime.routeIndex("http://mail.example.com", prefixes));
  }

  /**
   * A vdir's server timeout applies to its pool: a server that takes 1.5 s to answer is cut off for
   * OWA (the service's 500 ms) and waited for on ActiveSync (its vdir-timeouts: 5 s), over one
   * client connection whose idle timeout is the longest of them.
   */
  @Test
  void aVdirsServerTimeoutAppliesToItsPool() throws Exception {
    int port = 25190;
    try (java.net.ServerSocket slow = new java.net.ServerSocket()) {
      slow.bind(new java.net.InetSocketAddress("127.0.0.35", port));
      Thread server = new Thread(() -> serveSlowly(slow), "slow server");
      server.setDaemon(true);
      server.start();
      String yaml =
          """
          lbc: 1
          name: vdir-timeouts
          exchange: se
          appliances:
            primary: { hostname: lb1, address: 127.0.0.5/8 }
          servers:
            - { name: SLOW, address: 127.0.0.35 }
          services:
            - name: TIMED
              vip: 127.0.0.14
              ports: [%d]
              mode: snat
              protocol: http
              vdirs: [owa, activesync]
              timeouts: { client: 500ms, server: 500ms }
              vdir-timeouts: { activesync: { client: 5s, server: 5s } }
              health-check: { type: http-get, path: /owa/healthcheck.htm, interval: 1s }
              real-servers: [{ server: SLOW, port: %d }]
          """
              .formatted(port, port);
      try (Engine timed = Engine.start(Lbc.plan(yaml), BindMap.parse(List.of()), log::add)) {
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.14:" + port);
        HttpResponse<String> sync =
            http.send(
                HttpRequest.newBuilder(base.resolve("/Microsoft-Server-ActiveSync/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, sync.statusCode(), "ActiveSync waits up to its own 5 s");
        assertTrue(sync.body().contains("slow answer"), sync.body());
        java.io.IOException cut =
            org.junit.jupiter.api.Assertions.assertThrows(
                java.io.IOException.class,
                () ->
                    http.send(
                        HttpRequest.newBuilder(base.resolve("/owa/slow")).build(),
                        HttpResponse.BodyHandlers.ofString()),
                "OWA's server connection is cut after the service's 500 ms");
        assertTrue(cut.getMessage() != null || cut.getCause() != null, cut.toString());
      }
    }
  }

  /** Answers health checks at once and any other request after 1.5 s, one connection a thread. */
  private static void serveSlowly(java.net.ServerSocket listener) {
    while (!listener.isClosed()) {
      Socket c;
      try {
        c = listener.accept();
      } catch (java.io.IOException e) {
        return;
      }
      Thread t =
          new Thread(
              () -> {
                try (c) {
                  BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII));
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    boolean check = line.contains("healthcheck.htm");
                    while (!in.readLine().isEmpty()) {
                      // the rest of the head
                    }
                    if (!check) {
                      Thread.sleep(1500);
                    }
                    String body = check ? "200 OK" : "slow answer";
                    c.getOutputStream()
                        .write(
                            ("HTTP/1.1 200 OK\r\nContent-Length: "
                                    + body.length()
                                    + "\r\n\r\n"
                                    + body)
                                .getBytes(StandardCharsets.US_ASCII));
                    c.getOutputStream().flush();
                  }
                } catch (Exception e) {
                  // the engine closed the connection: its server timeout
                }
              });
      t.setDaemon(true);
      t.start();
    }
  }
}
