package dev.lbc.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --access-log} on a disk that is full: a 64 KiB tmpfs (the suite runs as root), filled
 * before the requests. Every request is still answered, and lbc_access_log_dropped_total counts the
 * lines that could not be written.
 */
class AccessLogFullDiskTest {
  private final List<String> log = new CopyOnWriteArrayList<>();

  @Test
  void aFullDiskDropsAndCountsTheLinesAndTheProxyKeepsServing(@TempDir Path tmp) throws Exception {
    Path disk = Files.createDirectory(tmp.resolve("disk"));
    run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString());
    try {
      MetricsAndAccessLogTest.Run run =
          new MetricsAndAccessLogTest.Run(
              "127.0.6", 21300, 21301, Serve.EngineKind.EMBEDDED, tmp, log);
      run.accessLog = disk.resolve("access.log");
      try (Serving serving = run.start()) {
        run.awaitReady(serving);
        fill(disk.resolve("filler"));
        for (int i = 0; i < 20; i++) {
          String answer = MetricsAndAccessLogTest.get(run.net + ".10", run.web, "/owa/" + i, null);
          assertTrue(answer.startsWith("HTTP/1.1 200"), "request " + i + ": " + answer);
        }
        MetricsAndAccessLogTest.awaitMetric(
            serving.adminPort(), "lbc_access_log_dropped_total", 20, log);
        String after = MetricsAndAccessLogTest.get(run.net + ".10", run.web, "/ews/after", null);
        assertTrue(after.startsWith("HTTP/1.1 200"), after);
        assertEquals(0, Files.size(run.accessLog), "nothing fits on the full disk");
      }
    } finally {
      run("umount", "-l", disk.toString());
    }
  }

  /** Writes until the disk says it is full. */
  private static void fill(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] block = new byte[4096];
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("space")) {
        throw e;
      }
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), String.join(" ", command) + " hangs");
    assertEquals(0, p.exitValue(), String.join(" ", command) + " (the suite runs as root): " + out);
  }
}
