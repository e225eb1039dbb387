package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real headless Chromium (Debian's, driven by playwright-core in
 * tools/browser): it renders the VIPs (state, role, refusals) and servers (with their check time),
 * clicking "drain" changes the state shown, opened with credentials in its address it says why it
 * cannot load, and a page on another site in the same browser cannot halt a server with a form.
 */
class StatusPageBrowserTest {
  @Test
  void statusPageShowsServersAndDrains(@TempDir Path tmp) throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Process lbc =
        RunCommandTest.start(
            lines, "run", "examples/lab.yaml", "--simulate-servers", "--admin", "127.0.0.1:19095");
    try {
      RunCommandTest.await(lines, "serving 3 service(s)", new ArrayList<>());
      refuseOneForWantOfAServer();
      Netns.Result r =
          browse(
              "status-page.mjs",
              "http://127.0.0.1:19095/",
              "MBOX-HTTPS",
              "MBOX1",
              tmp.resolve("status.png").toString(),
              "127.0.0.10",
              "1");
      assertEquals(0, r.exit(), r.out() + r.err());
      // The cross-site form reached lbc and was refused there, not by the browser.
      List<String> seen = new ArrayList<>();
      RunCommandTest.await(
          lines, "refused POST /api/services/MBOX-HTTPS/servers/MBOX1/halt: a cross-site", seen);
      assertTrue(
          seen.stream().noneMatch(l -> l.contains("MBOX-HTTPS/MBOX1 set to halt")),
          seen.toString());
    } finally {
      lbc.destroy();
      lbc.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Halts both IMAP4 members through the API, has one client refused for want of a server, and puts
   * them back online: the page must then show that refusal on the VIP.
   */
  private static void refuseOneForWantOfAServer() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String action : List.of("halt", "online")) {
      for (String server : List.of("MBOX1", "MBOX2")) {
        HttpResponse<String> r =
            RunCommandTest.admin(
                http,
                "127.0.0.1:19095",
                "POST",
                "/api/services/MBOX-IMAP4/servers/" + server + "/" + action);
        assertEquals(200, r.statusCode(), r.body());
      }
      if (action.equals("halt")) {
        try (Socket s = new Socket("127.0.0.10", 1143)) {
          s.setSoTimeout(5000);
          assertEquals(-1, s.getInputStream().read(), "no server: closed without a greeting");
        }
      }
    }
  }

  /**
   * Issue 12: the README's first command shows per-protocol failover on the page. MBOX2's OWA made
   * inactive with the simulated servers' control shows as "MBOX2: owa DOWN (503), others UP", and
   * "drain everywhere" drains MBOX2 in every service and vdir; "halt everywhere" asks first, and a
   * "no" changes nothing.
   */
  @Test
  void statusPageShowsAVdirDownAndDrainsAServerEverywhere(@TempDir Path tmp) throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Process lbc =
        RunCommandTest.start(
            lines,
            "run",
            "examples/lab.yaml",
            "--simulate-servers",
            "--admin",
            "127.0.0.1:19096",
            // Addresses of its own: the lab run of the test before may still be letting go of its
            // own (and other test runs on this machine serve the lab too).
            "--bind-map",
            "127.0.0.10=127.0.0.110",
            "--bind-map",
            "127.0.0.20=127.0.0.120",
            "--bind-map",
            "127.0.0.21=127.0.0.121");
    try {
      RunCommandTest.await(lines, "serving 3 service(s)", new ArrayList<>());
      Netns.Result r =
          browse(
              "vdir-page.mjs",
              "http://127.0.0.1:19096/",
              "MBOX-HTTPS",
              "MBOX2",
              "owa",
              tmp.resolve("vdirs.png").toString());
      assertEquals(0, r.exit(), r.out() + r.err());
      List<String> seen = new ArrayList<>();
      RunCommandTest.await(lines, "MBOX2 set to halt in MBOX-HTTPS, MBOX-IMAP4, MBOX-SMTP", seen);
      assertEquals(
          1, seen.stream().filter(l -> l.contains("MBOX2 set to halt")).count(), seen.toString());
    } finally {
      lbc.destroy();
      lbc.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Runs a tools/browser script on the page at {@code url} with the lab's credentials. */
  private static Netns.Result browse(String script, String url, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(Repo.root().resolve("tools/browser").resolve(script).toString());
    command.addAll(List.of(url, "admin", "lab-secret"));
    command.addAll(List.of(args));
    return Netns.run(command, null);
  }
}
