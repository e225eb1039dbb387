package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lbc run --engine haproxy} leaves nothing behind: its run folder (with the copy of the
 * private key) is removed on SIGTERM and when HAProxy cannot start; HAProxy dies with lbc, even
 * when lbc is killed with SIGKILL (then the next run removes the folder); each run has its own
 * stats socket, so a second run leaves the first one's alone; without HAProxy on PATH lbc says so.
 * Each test moves the lab to a loopback block of its own (127.0.N.x) and gives lbc a temp folder of
 * its own.
 */
class HaproxyLifecycleTest {
  @Test
  void sigtermRemovesTheRunFolderAndStopsHaproxyAndFreesThePort(@TempDir Path tmp)
      throws Exception {
    LabRun run = new LabRun(tmp, 81);
    List<ProcessHandle> haproxy;
    try {
      run.awaitServing();
      haproxy = run.haproxyProcesses();
      assertTrue(haproxy.size() >= 2, "a master and its worker: " + haproxy);
      Path folder = run.onlyRunFolder();
      assertTrue(Files.exists(folder.resolve("admin.sock")), "the stats socket is in " + folder);
    } finally {
      run.stop();
    }
    assertEquals(List.of(), run.runFolders(), "the run folder is removed on SIGTERM");
    assertEquals(List.of(), haproxy.stream().filter(ProcessHandle::isAlive).toList());
    assertTrue(portFree(run.vip(), 8443), run.vip() + ":8443 is free again");
  }

  @Test
  void haproxyDiesWithLbcOnSigkillAndTheNextRunRemovesTheFolderLeft(@TempDir Path tmp)
      throws Exception {
    LabRun killed = new LabRun(tmp, 82);
    killed.awaitServing();
    List<ProcessHandle> haproxy = killed.haproxyProcesses();
    assertTrue(haproxy.size() >= 2, "a master and its worker: " + haproxy);
    Path left = killed.onlyRunFolder();
    killed.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertTrue(killed.process.waitFor(10, TimeUnit.SECONDS));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (haproxy.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(
        List.of(),
        haproxy.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList(),
        "HAProxy processes of the killed run still alive 3 s later");
    assertTrue(portFree(killed.vip(), 8443), killed.vip() + ":8443 is free again");

    assertTrue(Files.exists(left), "a SIGKILL leaves the folder: nothing runs to remove it");
    LabRun next = new LabRun(tmp, 82);
    try {
      next.awaitServing();
      assertFalse(Files.exists(left), "the next run removed the folder of the killed one");
      assertEquals(1, next.runFolders().size(), next.runFolders().toString());
    } finally {
      next.stop();
    }
    assertEquals(List.of(), next.runFolders());
  }

  @Test
  void aSecondRunLeavesTheFirstRunsStatsSocketAlone(@TempDir Path tmp) throws Exception {
    LabRun first = new LabRun(tmp.resolve("first"), 83);
    try {
      first.awaitServing();
      assertEquals(first.server() + ":8443", first.mbox1Address());
      LabRun second = new LabRun(tmp.resolve("second"), 84);
      try {
        second.awaitServing();
        assertEquals(second.server() + ":8443", second.mbox1Address());
        assertEquals(first.server() + ":8443", first.mbox1Address(), "the first run's HAProxy");
      } finally {
        second.stop();
      }
      assertEquals(
          first.server() + ":8443",
          first.mbox1Address(),
          "the first run's status page still reads its own HAProxy after the second stopped");
    } finally {
      first.stop();
    }
  }

  @Test
  void haproxyThatCannotStartLeavesNoFolder(@TempDir Path tmp) throws Exception {
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress("127.0.85.10", 8443));
      LabRun run = new LabRun(tmp, 85);
      assertTrue(run.process.waitFor(60, TimeUnit.SECONDS), "lbc gives up");
      run.lines.drainTo(run.seen);
      assertEquals(2, run.process.exitValue(), run.seen.toString());
      assertEquals(List.of(), run.runFolders(), "the folder of a run that did not start");
    }
  }

  @Test
  void withoutHaproxyOnPathLbcSaysHowToFixIt(@TempDir Path tmp) throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty-path"));
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Process lbc =
        RunCommandTest.start(
            List.of(),
            List.of(),
            Map.of("PATH", empty.toString()),
            lines,
            "run",
            "examples/lab.yaml",
            "--engine",
            "haproxy",
            "--admin",
            "127.0.0.1:19186");
    List<String> out = new ArrayList<>();
    RunCommandTest.await(lines, "HAProxy is not installed or not on PATH", out);
    assertTrue(lbc.waitFor(30, TimeUnit.SECONDS));
    lines.drainTo(out);
    String text = String.join("\n", out);
    assertEquals(2, lbc.exitValue(), text);
    assertTrue(text.contains("install the haproxy package"), text);
    assertTrue(text.contains("--engine embedded"), text);
    assertFalse(text.contains("Cannot run program") || text.contains("Exception"), text);
  }

  /** Binding without SO_REUSEPORT fails while any HAProxy still listens there. */
  static boolean portFree(String address, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(address, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * {@code lbc run examples/lab.yaml --simulate-servers --engine haproxy} with the lab's addresses
   * moved to 127.0.{@code block}.x, the status page on port 19100 + block and java.io.tmpdir in
   * {@code tmp}/java-tmp.
   */
  static final class LabRun {
    final Process process;
    final Path tmpdir;
    final int block;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> seen = new ArrayList<>();

    LabRun(Path tmp, int block) throws Exception {
      this.block = block;
      tmpdir = Files.createDirectories(tmp.resolve("java-tmp"));
      String net = "127.0." + block + ".";
      process =
          RunCommandTest.start(
              List.of(),
              List.of("-Djava.io.tmpdir=" + tmpdir),
              RunCommandTest.LAB_CREDENTIALS,
              lines,
              "run",
              "examples/lab.yaml",
              "--simulate-servers",
              "--engine",
              "haproxy",
              "--admin",
              admin(),
              "--bind-map",
              "127.0.0.10=" + net + "10",
              "--bind-map",
              "127.0.0.20=" + net + "20",
              "--bind-map",
              "127.0.0.21=" + net + "21",
              "--bind-map",
              "127.0.0.5=" + net + "5");
    }

    String vip() {
      return "127.0." + block + ".10";
    }

    String server() {
      return "127.0." + block + ".20";
    }

    String admin() {
      return "127.0.0.1:" + (19100 + block);
    }

    void awaitServing() throws Exception {
      RunCommandTest.await(lines, "serving 3 service(s)", seen);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (true) {
        Netns.Result r =
            Netns.run(
                List.of("curl", "-sk", "--max-time", "2", "https://" + vip() + ":8443/owa/"), null);
        if (r.exit() == 0 && r.out().startsWith("served by")) {
          return;
        }
        if (System.nanoTime() > deadline) {
          lines.drainTo(seen);
          throw new AssertionError("no HTTPS through " + vip() + ": " + r + "; lbc: " + seen);
        }
        Thread.sleep(100);
      }
    }

    /** MBOX1's address as this run's status API reports it (read from its HAProxy). */
    String mbox1Address() throws Exception {
      var http = HttpClient.newHttpClient();
      String auth =
          java.util.Base64.getEncoder()
              .encodeToString("admin:lab-secret".getBytes(StandardCharsets.UTF_8));
      String body =
          http.send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://" + admin() + "/api/status"))
                      .header("Authorization", "Basic " + auth)
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      var status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
      var server = status.get("services").get(0).get("servers").get(0);
      assertEquals("MBOX1", server.path("name").asText(), body);
      return server.get("address").asText();
    }

    List<ProcessHandle> haproxyProcesses() {
      return process
          .descendants()
          .filter(p -> p.info().command().orElse("").endsWith("/haproxy"))
          .toList();
    }

    List<Path> runFolders() throws IOException {
      try (Stream<Path> s = Files.list(tmpdir)) {
        return s.filter(p -> p.getFileName().toString().startsWith("lbc-haproxy-")).toList();
      }
    }

    Path onlyRunFolder() throws IOException {
      List<Path> folders = runFolders();
      assertEquals(1, folders.size(), folders.toString());
      return folders.get(0);
    }

    void stop() throws InterruptedException {
      process.toHandle().destroy();
      assertTrue(process.waitFor(15, TimeUnit.SECONDS), "lbc run stops on SIGTERM");
    }
  }
}
