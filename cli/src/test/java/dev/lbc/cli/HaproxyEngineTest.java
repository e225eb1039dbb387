package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbc.testsupport.Repo;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HAProxy engine's supervision: a reload HAProxy cannot load (a port taken by another process)
 * is reported as a failure and the old workers keep serving; a HAProxy that dies is restarted and
 * serves again.
 */
class HaproxyEngineTest {
  @Test
  void failedReloadKeepsServingAndDeadHaproxyIsRestarted(@TempDir Path tmp) throws Exception {
    Path lab = tmp.resolve("lab.yaml");
    // the lab's certificate, where the copy's certs/lab.pem names it
    Files.createDirectories(tmp.resolve("certs"));
    Files.copy(Repo.root().resolve("examples/certs/lab.pem"), tmp.resolve("certs/lab.pem"));
    String original = Files.readString(Repo.root().resolve("examples/lab.yaml"));
    // a layer 4 service too: this host has no IPVS, and lbc run must say so
    Files.writeString(
        lab,
        original
            + """
          - name: MBOX-POP3
            vip: 127.0.0.10
            ports: [1110]
            mode: dr
            real-servers: [{ server: MBOX1 }]
        """);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    List<String> seen = new ArrayList<>();
    Process lbc =
        RunCommandTest.start(
            lines,
            "run",
            lab.toString(),
            "--simulate-servers",
            "--admin",
            "127.0.0.1:19099",
            "--engine",
            "haproxy");
    try (ServerSocket squatter = new ServerSocket()) {
      RunCommandTest.await(
          lines, "layer 4 services not run: MBOX-POP3 (dr): this host has no" + " IPVS", seen);
      RunCommandTest.await(lines, "serving 3 service(s)", seen);
      RunReloadTest.awaitServing();
      vipAsHaproxyShowsIt();

      squatter.bind(new InetSocketAddress("127.0.0.10", 1999));
      Files.writeString(lab, Files.readString(lab).replace("ports: [1143]", "ports: [1143, 1999]"));
      RunCommandTest.await(lines, "reload failed", seen);
      assertTrue(RunCommandTest.https(3).size() >= 1, "the old workers still serve");

      long master =
          ProcessHandle.of(lbc.pid())
              .orElseThrow()
              .descendants()
              .filter(
                  p ->
                      p.info().command().orElse("").endsWith("haproxy")
                          && p.parent().map(pp -> pp.pid() == lbc.pid()).orElse(false))
              .findFirst()
              .orElseThrow()
              .pid();
      new ProcessBuilder("kill", "-9", String.valueOf(master)).start().waitFor();
      RunCommandTest.await(lines, "restarting it", seen);
      try {
        RunReloadTest.awaitServing();
      } catch (Exception e) {
        lines.drainTo(seen);
        throw new AssertionError(
            "no HTTPS through the VIP after the restart; lbc printed " + seen, e);
      }
    } finally {
      // only this run's HAProxy: other tests (and other checkouts) may be running their own
      List<ProcessHandle> started = lbc.descendants().toList();
      lbc.destroy();
      lbc.waitFor(15, TimeUnit.SECONDS);
      started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
  }

  /**
   * The status API's VIP read from HAProxy's stats socket: its listen sections' FRONTEND rows are
   * OPEN, the layer 4 service is not HAProxy's, the counts HAProxy does not keep are null, and
   * HAProxy's stats carry no check time.
   */
  private static void vipAsHaproxyShowsIt() throws Exception {
    HttpResponse<String> r =
        RunCommandTest.admin(HttpClient.newHttpClient(), "127.0.0.1:19099", "GET", "/api/status");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode status = new ObjectMapper().readTree(r.body());
    JsonNode vip = status.get("vips").get(0);
    assertEquals("127.0.0.10", vip.get("vip").asText(), r.body());
    assertEquals("listening", vip.get("state").asText(), r.body());
    assertEquals("no keepalived", vip.get("role").asText(), r.body());
    assertTrue(vip.get("refusedNoServer").isNull(), r.body());
    List<String> listeners = new ArrayList<>();
    vip.get("listeners")
        .forEach(
            l ->
                listeners.add(
                    l.get("port").asInt()
                        + " "
                        + l.get("service").asText()
                        + " "
                        + l.get("state").asText()));
    assertEquals(
        List.of(
            "8443 MBOX-HTTPS listening",
            "1143 MBOX-IMAP4 listening",
            "2525 MBOX-SMTP listening",
            "1110 MBOX-POP3 not served"),
        listeners);
    JsonNode member = status.get("services").get(0).get("servers").get(0);
    assertTrue(member.has("lastCheckAt") && member.get("lastCheckAt").isNull(), r.body());
  }
}
