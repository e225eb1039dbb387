package dev.lbc.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.runtime.engine.BindMap;
import dev.lbc.runtime.engine.Engine;
import dev.lbc.runtime.sim.SimulatedExchange;
import dev.lbc.testsupport.Lbc;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The status API's per-VIP table, check timestamps and the simulated servers' split counts, read
 * from a running embedded engine with real connections: each refusal is provoked the way a client
 * meets it and counted under its own reason.
 */
class StatusFieldsTest {
  private static final int PORT = 24643;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private Engine engine;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  private static final String YAML =
      """
      lbc: 1
      name: status-fields
      exchange: 2016
      appliances:
        primary: { hostname: lb1, address: 127.0.0.5/8 }
        secondary: { hostname: lb2, address: 127.0.0.6/8 }
      servers:
        - { name: MBOX1, address: 127.0.0.120 }
        - { name: MBOX2, address: 127.0.0.121 }
      services:
        - name: MBOX-IMAP4
          vip: 127.0.0.110
          ports: [%d]
          mode: snat
          lockdown: { allow: [127.0.0.50] }
          health-check: { type: tcp-connect, interval: 100ms, rise: 1, fall: 1 }
          real-servers: [{ server: MBOX1 }, { server: MBOX2 }]
      """
          .formatted(PORT);

  private AdminServer start(ApplianceRole role) throws Exception {
    SimulatedExchange mbox1 = new SimulatedExchange("MBOX1");
    open.add(mbox1);
    mbox1.listen("127.0.0.120", PORT, "imap"); // MBOX2 has nothing listening: it goes DOWN
    engine =
        Engine.start(
            Lbc.plan(YAML),
            BindMap.parse(List.of()),
            log::add,
            new Engine.Options(null, 10_000, false, 2));
    AdminServer admin =
        new AdminServer(
            "127.0.0.1", 0, new EmbeddedStatus(engine, role), List.of(), "a", "b", log::add);
    open.add(admin);
    return admin;
  }

  /** The API over the running engine, on a keepalived-free host, with these simulated servers. */
  private AdminServer admin(List<SimulatedExchange> simulated) throws IOException {
    AdminServer admin =
        new AdminServer(
            "127.0.0.1",
            0,
            new EmbeddedStatus(engine, noKeepalived()),
            simulated,
            "a",
            "b",
            log::add);
    open.add(admin);
    return admin;
  }

  /** A keepalived-free host: no process at all under a fake /proc. */
  private static ApplianceRole noKeepalived() throws IOException {
    return new ApplianceRole(java.nio.file.Files.createTempDirectory("proc"), address -> false);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> vip(AdminServer admin) {
    List<Map<String, Object>> vips = (List<Map<String, Object>>) admin.status().get("vips");
    assertNotNull(vips, "no vips in " + admin.status());
    assertEquals(1, vips.size(), vips.toString());
    return vips.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> member(AdminServer admin, int i) {
    var services = (List<Map<String, Object>>) admin.status().get("services");
    return ((List<Map<String, Object>>) services.get(0).get("servers")).get(i);
  }

  /** Connects from {@code source}; the greeting line, or null when the engine closed at once. */
  private static String greeting(String source, Socket[] keep) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
    s.connect(new InetSocketAddress("127.0.0.110", PORT));
    s.setSoTimeout(3000);
    InputStream in = s.getInputStream();
    StringBuilder line = new StringBuilder();
    try {
      for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
        line.append((char) b);
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // closed by the engine: refused
    }
    if (keep != null && line.length() > 0) {
      keep[0] = s;
    } else {
      s.close();
    }
    return line.length() == 0 ? null : line.toString();
  }

  private static void await(Supplier<Boolean> condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.get()) {
      assertTrue(System.nanoTime() < deadline, what);
      Thread.sleep(20);
    }
  }

  @Test
  void aVipShowsItsStateRoleAndEachRefusalUnderItsReason() throws Exception {
    AdminServer admin = start(noKeepalived());
    await(() -> "DOWN".equals(member(admin, 1).get("state")), "MBOX2 never went DOWN");
    assertEquals("127.0.0.110", vip(admin).get("vip"));
    assertEquals("listening", vip(admin).get("state"));
    assertEquals("no keepalived", vip(admin).get("role"));

    assertEquals(null, greeting("127.0.0.77", null), "outside the lockdown: closed");
    await(
        () -> Long.valueOf(1).equals(vip(admin).get("refusedLockdown")), "lockdown: " + vip(admin));

    EmbeddedStatus status = new EmbeddedStatus(engine, noKeepalived());
    status.act("MBOX-IMAP4", "MBOX1", "halt");
    assertEquals(null, greeting("127.0.0.50", null), "MBOX1 halted, MBOX2 DOWN: no server");
    await(
        () -> Long.valueOf(1).equals(vip(admin).get("refusedNoServer")),
        "no server: " + vip(admin));
    status.act("MBOX-IMAP4", "MBOX1", "online");

    Socket[] one = new Socket[1];
    Socket[] two = new Socket[1];
    assertNotNull(greeting("127.0.0.50", one));
    assertNotNull(greeting("127.0.0.50", two));
    try {
      assertEquals(null, greeting("127.0.0.50", null), "over --max-connections 2: closed");
      await(
          () -> Long.valueOf(1).equals(vip(admin).get("refusedOverLimit")),
          "over limit: " + vip(admin));
    } finally {
      one[0].close();
      two[0].close();
    }
    assertEquals(3L, vip(admin).get("refused"), vip(admin).toString());
    List<?> listeners = (List<?>) vip(admin).get("listeners");
    assertEquals(
        List.of(Map.of("port", PORT, "service", "MBOX-IMAP4", "state", "listening")), listeners);
  }

  @Test
  void inHttpModeA503ForWantOfAServerIsARefusalToo() throws Exception {
    SimulatedExchange mbox1 = new SimulatedExchange("MBOX1");
    open.add(mbox1);
    mbox1.listen("127.0.0.120", PORT, "http");
    engine =
        Engine.start(
            Lbc.plan(
                YAML.replace("lockdown: { allow: [127.0.0.50] }", "protocol: http")
                    .replace("type: tcp-connect", "type: none")),
            BindMap.parse(List.of()),
            log::add);
    AdminServer admin = admin(List.of(mbox1));
    EmbeddedStatus status = new EmbeddedStatus(engine, noKeepalived());
    status.act("MBOX-IMAP4", "MBOX1", "halt");
    status.act("MBOX-IMAP4", "MBOX2", "halt");
    try (Socket s = new Socket("127.0.0.110", PORT)) {
      s.setSoTimeout(3000);
      s.getOutputStream()
          .write("GET /owa/ HTTP/1.1\r\nHost: mail\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 503", answer);
    }
    await(
        () -> Long.valueOf(1).equals(vip(admin).get("refusedNoServer")),
        "no server: " + vip(admin));
    assertEquals(0L, vip(admin).get("refusedLockdown"));
    assertEquals(1L, vip(admin).get("refused"));
  }

  @Test
  void aReloadKeepsTheRefusalsAndTheCheckTimes() throws Exception {
    AdminServer admin = start(noKeepalived());
    await(() -> member(admin, 0).get("lastCheckAt") != null, "MBOX1 never checked");
    new EmbeddedStatus(engine, noKeepalived()).act("MBOX-IMAP4", "MBOX1", "halt");
    await(() -> "DOWN".equals(member(admin, 1).get("state")), "MBOX2 never went DOWN");
    assertEquals(null, greeting("127.0.0.50", null), "no server");
    assertEquals(null, greeting("127.0.0.77", null), "outside the lockdown");
    engine.reload(Lbc.plan(YAML.replace("interval: 100ms", "interval: 1m")));
    assertEquals(1L, vip(admin).get("refusedNoServer"), vip(admin).toString());
    assertEquals(1L, vip(admin).get("refusedLockdown"), vip(admin).toString());
    assertTrue(member(admin, 0).get("lastCheckAt") != null, "the member and its last check stay");
  }

  @Test
  void eachMemberShowsWhenItWasLastCheckedAndWithWhatResult() throws Exception {
    AdminServer admin = start(noKeepalived());
    Instant before = Instant.now().minusSeconds(1);
    for (int i = 0; i < 2; i++) {
      int m = i;
      await(() -> member(admin, m).get("lastCheckAt") != null, "no check time: " + m);
    }
    for (int i = 0; i < 2; i++) {
      Instant at = Instant.parse((String) member(admin, i).get("lastCheckAt"));
      assertTrue(at.isAfter(before) && at.isBefore(Instant.now().plusSeconds(1)), at.toString());
    }
    assertTrue(
        ((String) member(admin, 1).get("lastCheck")).contains("TCP connect"),
        member(admin, 1).toString());
  }

  @Test
  void aMemberNeverCheckedHasNoCheckTime() throws Exception {
    SimulatedExchange mbox1 = new SimulatedExchange("MBOX1");
    open.add(mbox1);
    engine =
        Engine.start(
            Lbc.plan(YAML.replace("type: tcp-connect", "type: none")),
            BindMap.parse(List.of()),
            log::add);
    AdminServer admin = admin(List.of());
    assertTrue(member(admin, 0).containsKey("lastCheckAt"), member(admin, 0).toString());
    assertEquals(null, member(admin, 0).get("lastCheckAt"));
  }

  @Test
  void simulatedServersCountHealthChecksApartFromClientRequests() throws Exception {
    SimulatedExchange sim = new SimulatedExchange("MBOX1");
    open.add(sim);
    sim.listen("127.0.0.120", 24680, "http");
    for (String path :
        List.of("/owa/healthcheck.htm", "/OWA/", "/EWS/HealthCheck.htm", "/ews/exchange.asmx")) {
      try (Socket s = new Socket("127.0.0.120", 24680)) {
        s.getOutputStream()
            .write(
                ("GET " + path + " HTTP/1.1\r\nHost: mail\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        s.getInputStream().readAllBytes();
      }
    }
    AdminServer admin =
        new AdminServer(
            "127.0.0.1", 0, new AdminServerTest.FakeStatus(), List.of(sim), "a", "b", log::add);
    open.add(admin);
    @SuppressWarnings("unchecked")
    Map<String, Object> shown =
        ((List<Map<String, Object>>) admin.status().get("simulated")).get(0);
    assertEquals(2L, shown.get("healthChecks"), shown.toString());
    assertEquals(2L, shown.get("requests"), "client requests only: " + shown);
  }
}
