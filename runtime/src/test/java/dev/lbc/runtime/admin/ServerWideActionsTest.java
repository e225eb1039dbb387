package dev.lbc.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbc.runtime.engine.BindMap;
import dev.lbc.runtime.engine.Engine;
import dev.lbc.runtime.sim.SimulatedExchange;
import dev.lbc.testsupport.Lbc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API's server-wide actions on a running embedded engine: drain, halt and online act on a
 * server in every service and every vdir pool at once, behind the same credentials and same-origin
 * proof as the per-row ones; and {@code POST /api/simulate} makes one simulated vdir inactive.
 */
class ServerWideActionsTest {
  private static final String VIP = "127.0.0.13";
  private static final int WEB = 25280;
  private static final int IMAP = 25281;
  private static final String AUTH =
      "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8));
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<SimulatedExchange> sims = new ArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private Engine engine;
  private AdminServer admin;

  @BeforeEach
  void start() throws Exception {
    String yaml =
        """
        lbc: 1
        name: wide
        exchange: se
        appliances:
          primary: { hostname: lb1, address: 127.0.0.5/8 }
        servers:
          - { name: MBOX1, address: 127.0.0.33 }
          - { name: MBOX2, address: 127.0.0.34 }
        services:
          - name: WEB
            vip: %s
            ports: [%d]
            mode: snat
            protocol: http
            vdirs: [owa, ews]
            health-check: { type: http-get, path: /owa/healthcheck.htm, interval: 200ms, rise: 1, fall: 1 }
            real-servers: [{ server: MBOX1, port: %d }, { server: MBOX2, port: %d }]
          - name: IMAP
            vip: %s
            ports: [%d]
            mode: snat
            health-check: { type: tcp-connect, interval: 1s }
            real-servers: [{ server: MBOX1, port: %d }, { server: MBOX2, port: %d }]
        """
            .formatted(VIP, WEB, WEB, WEB, VIP, IMAP, IMAP, IMAP);
    for (String[] s : new String[][] {{"MBOX1", "127.0.0.33"}, {"MBOX2", "127.0.0.34"}}) {
      SimulatedExchange sim = new SimulatedExchange(s[0]);
      sims.add(sim);
      sim.listen(s[1], WEB, "http");
      sim.listen(s[1], IMAP, "imap");
    }
    engine = Engine.start(Lbc.plan(yaml), BindMap.parse(List.of()), log::add);
    admin =
        new AdminServer("127.0.0.1", 0, new EmbeddedStatus(engine), sims, "admin", "pw", log::add);
  }

  @AfterEach
  void stop() {
    if (admin != null) {
      admin.close();
    }
    if (engine != null) {
      engine.close();
    }
    sims.forEach(SimulatedExchange::close);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HttpClient.newHttpClient()
        .send(b.header("Authorization", AUTH).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI api(String path) {
    return URI.create("http://127.0.0.1:" + admin.port() + path);
  }

  /** A POST as a script sends it: credentials and the X-Requested-With proof. */
  private HttpResponse<String> post(String path) throws Exception {
    return send(
        HttpRequest.newBuilder(api(path))
            .header("X-Requested-With", "test")
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private JsonNode status() throws Exception {
    return JSON.readTree(send(HttpRequest.newBuilder(api("/api/status"))).body());
  }

  /** Every state MBOX2 has in the status: per service its admin state, per vdir its state. */
  private Set<String> mbox2() throws Exception {
    Set<String> seen = new TreeSet<>();
    for (JsonNode s : status().get("services")) {
      for (JsonNode m : s.get("servers")) {
        if (m.get("name").asText().equals("MBOX2")) {
          seen.add(s.get("name").asText() + " " + m.get("admin").asText());
        }
      }
      for (JsonNode v : s.get("vdirs")) {
        for (JsonNode m : v.get("members")) {
          if (m.get("server").asText().equals("MBOX2")) {
            seen.add(v.get("backend").asText() + " " + m.get("state").asText());
          }
        }
      }
    }
    return seen;
  }

  private static String servedBy(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://" + VIP + ":" + WEB + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .headers()
        .firstValue("X-Served-By")
        .orElseThrow();
  }

  @Test
  void drainHaltAndOnlineActOnAServerInEveryServiceAndVdir() throws Exception {
    assertEquals(200, post("/api/servers/MBOX2/drain").statusCode());
    assertEquals(Set.of("IMAP drain", "WEB drain", "WEB-ews DRAIN", "WEB-owa DRAIN"), mbox2());
    Set<String> served = new TreeSet<>();
    for (String path : List.of("/owa/", "/ews/", "/other", "/owa/", "/ews/", "/other")) {
      served.add(servedBy(path));
    }
    assertEquals(Set.of("MBOX1"), served, "a drained server takes no new requests anywhere");
    assertTrue(
        log.stream().anyMatch(l -> l.startsWith("MBOX2 set to drain in WEB, IMAP")), "" + log);

    assertEquals(200, post("/api/servers/mbox2/halt").statusCode());
    assertEquals(Set.of("IMAP halt", "WEB halt", "WEB-ews MAINT", "WEB-owa MAINT"), mbox2());

    assertEquals(200, post("/api/servers/MBOX2/online").statusCode());
    assertEquals(Set.of("IMAP online", "WEB online", "WEB-ews UP", "WEB-owa UP"), mbox2());
  }

  @Test
  void aRowActsOnOneVdirOrOnEveryPoolOfItsService() throws Exception {
    assertEquals(200, post("/api/services/WEB/vdirs/owa/servers/MBOX2/drain").statusCode());
    assertEquals(Set.of("IMAP online", "WEB online", "WEB-ews UP", "WEB-owa DRAIN"), mbox2());
    assertEquals(200, post("/api/services/WEB/servers/MBOX2/halt").statusCode());
    assertEquals(Set.of("IMAP online", "WEB halt", "WEB-ews MAINT", "WEB-owa MAINT"), mbox2());
  }

  @Test
  void unknownServersOrActionsAreNotFoundAndChangeNothing() throws Exception {
    assertEquals(404, post("/api/servers/MBOX9/drain").statusCode());
    assertEquals(404, post("/api/servers/MBOX2/reboot").statusCode());
    assertEquals(404, post("/api/services/WEB/vdirs/ecp/servers/MBOX2/drain").statusCode());
    assertEquals(Set.of("IMAP online", "WEB online", "WEB-ews UP", "WEB-owa UP"), mbox2());
  }

  @Test
  void serverWideActionsNeedCredentialsAndTheSameOriginProof() throws Exception {
    HttpResponse<String> noProof =
        send(
            HttpRequest.newBuilder(api("/api/servers/MBOX2/halt"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(403, noProof.statusCode(), noProof.body());
    HttpResponse<String> noCredentials =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(api("/api/servers/MBOX2/halt"))
                    .header("X-Requested-With", "test")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(401, noCredentials.statusCode());
    assertEquals(Set.of("IMAP online", "WEB online", "WEB-ews UP", "WEB-owa UP"), mbox2());
  }

  @Test
  void simulateMakesOneVdirOfOneServerInactive() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(api("/api/simulate"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"server\": \"MBOX2\", \"vdir\": \"owa\", \"state\": \"inactive\"}")));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("[\"owa\"]", JSON.readTree(r.body()).at("/simulated/1/inactiveVdirs").toString());
    long deadline = System.currentTimeMillis() + 5_000;
    while (!mbox2().contains("WEB-owa DOWN")) {
      assertTrue(System.currentTimeMillis() < deadline, "MBOX2 owa never DOWN: " + mbox2());
      Thread.sleep(50);
    }
    assertTrue(mbox2().contains("WEB-ews UP"), "" + mbox2());
    assertEquals(
        400,
        send(HttpRequest.newBuilder(api("/api/simulate"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"server\": \"MBOX2\", \"vdir\": \"owo\", \"state\": \"inactive\"}")))
            .statusCode());
  }
}
