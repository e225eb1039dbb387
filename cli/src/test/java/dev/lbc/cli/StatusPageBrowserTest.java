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
          Netns.run(
              List.of(
                  "node",
                  Repo.root().resolve("tools/browser/status-page.mjs").toString(),
                  "http://127.0.0.1:19095/",
                  "admin",
                  "lab-secret",
                  "MBOX-HTTPS",
                  "MBOX1",
                  tmp.resolve("status.png").toString(),
                  "127.0.0.10",
                  "1"),
              null);
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
}
