package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Lbc;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each listener asks the kernel for a backlog of the engine's connection limit, as HAProxy asks for
 * a frontend's maxconn, and the kernel grants up to its somaxconn. A reconnect storm after a
 * failover arrives as thousands of SYNs at once; with a queue of 1,024 the rest were dropped and
 * their clients waited 1 s, then 3 s, to try again. The backlog is read back from the listening
 * socket as the kernel holds it ({@code ss}: Send-Q of a listening socket).
 */
class ListenBacklogTest {
  private static final String VIP = "127.0.48.11";
  private static final String SERVER = "127.0.48.21";
  private static final int PORT = 26080;

  @Test
  @Timeout(60)
  void theListenQueueHoldsTheConnectionLimit() throws Exception {
    int somaxconn;
    // in one read: a sysctl file read a byte at a time (Files.readString's first step) ends there
    try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/core/somaxconn"))) {
      somaxconn = Integer.parseInt(new String(in.readNBytes(64), StandardCharsets.US_ASCII).trim());
    }
    // under the kernel's cap, so what the kernel holds is what the engine asked for
    int limit = Math.min(3_000, somaxconn - 1);
    Engine.Options options = new Engine.Options(Path.of("."), 10_000, false, limit);
    try (Engine engine =
        Engine.start(
            Lbc.plan(ConnectionBindingTest.httpService(VIP, SERVER, PORT, "", "")),
            BindMap.parse(List.of()),
            s -> {},
            options)) {
      assertEquals(limit, backlog(VIP + ":" + PORT));
    }
  }

  /** The backlog of the socket listening on {@code address}, as {@code ss -ltn} shows it. */
  private static int backlog(String address) throws Exception {
    Process ss =
        new ProcessBuilder("ss", "-Hltn", "src", address).redirectErrorStream(true).start();
    String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(ss.waitFor(10, TimeUnit.SECONDS), "ss did not finish");
    assertEquals(0, ss.exitValue(), "ss: " + out);
    // State Recv-Q Send-Q Local Peer: a listener's Send-Q is its backlog
    String[] fields = out.split("\\s+");
    assertTrue(
        fields.length >= 4 && fields[0].equals("LISTEN"), "no listener on " + address + ": " + out);
    return Integer.parseInt(fields[2]);
  }
}
