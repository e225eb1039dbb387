package dev.lbc.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.runtime.engine.BindMap;
import dev.lbc.testsupport.Lbc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lbc run} as a library, without the command line: {@link Serve#start} serves a plan, a
 * reload that does not compile goes to the caller's callback while the running configuration stays,
 * a valid one is served, and {@link Serving#close} stops the listeners.
 */
class ServeTest {
  /** An address and port no other test uses. */
  private static final String VIP = "127.0.0.94";

  private static final int PORT = 21143;

  private static final String YAML =
      """
      lbc: 1
      name: serve-test
      exchange: 2016
      appliances:
        primary: { hostname: lb1, address: 127.0.0.5/8 }
        secondary: { hostname: lb2, address: 127.0.0.6/8 }
      servers:
        - { name: MBOX1, address: 127.0.0.20 }
        - { name: MBOX2, address: 127.0.0.21 }
      services:
        - name: MBOX-IMAP4
          vip: %s
          ports: [%d]
          mode: snat
          health-check: { type: tcp-connect, interval: 1s }
          real-servers: [{ server: MBOX1, weight: %d }, { server: MBOX2 }]
      """;

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<CompileResult> refused = new CopyOnWriteArrayList<>();

  private static String yaml(int weight) {
    return YAML.formatted(VIP, PORT, weight);
  }

  private Serving start(Path file) throws Exception {
    Plan plan = Lbc.plan(Files.readString(file));
    Serve.Options o =
        new Serve.Options(
            file,
            "serve.yaml",
            Serve.EngineKind.EMBEDDED,
            BindMap.parse(List.of()),
            new AdminAddress("127.0.0.1", 0),
            false,
            false,
            100,
            false,
            null,
            null);
    return Serve.start(o, plan, log::add, refused::add);
  }

  @Test
  void aRefusedReloadGoesToTheCallbackAndAValidOneIsServed(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("serve.yaml");
    Files.writeString(file, yaml(100));
    try (Serving serving = start(file)) {
      assertEquals(1, serving.serviceCount());
      assertTrue(
          log.stream().anyMatch(l -> l.startsWith("serving 1 service(s) from serve.yaml")),
          log.toString());
      connect(); // the VIP listens

      Files.writeString(file, yaml(100).replace("mode: snat", "mode: snatt"));
      serving.reload();
      assertTrue(!refused.isEmpty() && refused.get(0).hasErrors(), refused.toString());
      assertTrue(
          log.stream().anyMatch(l -> l.startsWith("reload refused: serve.yaml")), log.toString());
      connect(); // still serving the previous configuration

      Files.writeString(file, yaml(50));
      serving.reload();
      assertTrue(log.contains("reloaded serve.yaml"), log.toString());
      connect();
    }
    // close returns once the listeners are closed; allow the kernel a moment, then insist, and
    // name whatever still listens there if it fails
    long deadline = System.currentTimeMillis() + 2_000;
    while (System.currentTimeMillis() < deadline && accepts()) {
      Thread.sleep(50);
    }
    assertThrows(IOException.class, ServeTest::connect, () -> "close stops the listeners: " + ss());
  }

  @Test
  void anAccessLogThatCannotBeWrittenIsRefusedBeforeAnythingListens(@TempDir Path tmp)
      throws Exception {
    Path file = tmp.resolve("serve.yaml");
    Files.writeString(file, yaml(100));
    Path nowhere = tmp.resolve("no-such-folder/access.log");
    Serve.Options o =
        new Serve.Options(
                file,
                "serve.yaml",
                Serve.EngineKind.EMBEDDED,
                BindMap.parse(List.of()),
                new AdminAddress("127.0.0.1", 0),
                false,
                false,
                100,
                false,
                null,
                null)
            .withAccessLog(nowhere.toString());
    Serve.Refused e =
        assertThrows(
            Serve.Refused.class,
            () -> Serve.start(o, Lbc.plan(Files.readString(file)), log::add, refused::add));
    assertTrue(
        e.getMessage().startsWith("--access-log: cannot write to " + nowhere + ": "),
        e.getMessage());
    assertThrows(IOException.class, ServeTest::connect, "nothing listens");
  }

  private static boolean accepts() {
    try {
      connect();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String ss() {
    try {
      Process p = new ProcessBuilder("ss", "-tanp").redirectErrorStream(true).start();
      String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return all.lines().filter(l -> l.contains(":" + PORT)).toList().toString();
    } catch (IOException e) {
      return "(ss: " + e.getMessage() + ")";
    }
  }

  private static void connect() throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(VIP, PORT), 2000);
    }
  }
}
