package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import dev.lbc.testsupport.RunJvmFlags;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lbc run examples/lab.yaml --simulate-servers}, the README's first command, as a user runs
 * it (a separate process): HTTPS through the VIP alternates between the two servers, the status API
 * needs credentials, a server made inactive is marked down and skipped, a drained one gets no new
 * connections, and an SMTP conversation through the VIP delivers a message.
 */
class RunCommandTest {
  static final String ADMIN = "127.0.0.1:19090";
  private Process lbc;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  /** Starts lbc as a separate process; its output lines go to {@code lines}. */
  static Process start(BlockingQueue<String> lines, String... args) throws Exception {
    return start(List.of(), lines, args);
  }

  /** The same, with {@code prefix} before the java command (e.g. ip netns exec NS). */
  static Process start(List<String> prefix, BlockingQueue<String> lines, String... args)
      throws Exception {
    return start(prefix, List.of(), LAB_CREDENTIALS, lines, args);
  }

  /** The lab's admin credentials, which lbc run gets unless a test passes its own environment. */
  static final Map<String, String> LAB_CREDENTIALS =
      Map.of("LBC_ADMIN_USER", "admin", "LBC_ADMIN_PASSWORD", "lab-secret");

  /** The same, with {@code env} added to the environment instead of the lab's credentials. */
  static Process start(
      Map<String, String> env, List<String> prefix, BlockingQueue<String> lines, String... args)
      throws Exception {
    return start(prefix, List.of(), env, lines, args);
  }

  /**
   * The same, with {@code jvmOptions} for lbc's JVM (e.g. -Djava.io.tmpdir=...) and {@code env}
   * added to an environment without admin credentials.
   */
  static Process start(
      List<String> prefix,
      List<String> jvmOptions,
      Map<String, String> env,
      BlockingQueue<String> lines,
      String... args)
      throws Exception {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.lbc.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).directory(Repo.root().toFile());
    pb.environment().remove("LBC_ADMIN_USER");
    pb.environment().remove("LBC_ADMIN_PASSWORD");
    // the compiled haproxy.cfg's statistics page (--engine haproxy) refuses to start without it
    pb.environment().put("LB_ADMIN_PASSWORD", "lab-stats-secret");
    pb.environment().putAll(env);
    Process p = pb.start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                // process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  static void await(BlockingQueue<String> lines, String text, List<String> seen)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.add(line);
        if (line.contains(text)) {
          return;
        }
      }
    }
    throw new AssertionError("never printed \"" + text + "\": " + seen);
  }

  @AfterEach
  void stop() throws Exception {
    if (lbc != null) {
      lbc.destroy();
      assertTrue(lbc.waitFor(10, TimeUnit.SECONDS), "lbc run stops on SIGTERM");
    }
  }

  @org.junit.jupiter.api.Test
  void startsItsCollectionAtRestOnTheLaunchersCollector() throws Exception {
    // ./lbc and bin/lbc give lbc run the serial collector (LauncherRunFlagsTest); on G1 without
    // -XX:+ExplicitGCInvokesConcurrent the collector stays off (RestCollectorTest)
    lbc =
        start(
            List.of(),
            RunJvmFlags.FLAGS,
            LAB_CREDENTIALS,
            lines,
            "run",
            "examples/lab.yaml",
            "--simulate-servers",
            "--admin",
            ADMIN);
    await(lines, "serving 3 service(s)", new ArrayList<>());
    // a thread's name as the kernel keeps it (its first 15 bytes), set once the thread runs
    List<String> threads = threadNames(lbc.pid());
    for (int i = 0; i < 20 && !threads.contains("lbc-rest-collec"); i++) {
      Thread.sleep(100);
      threads = threadNames(lbc.pid());
    }
    assertTrue(threads.contains("lbc-rest-collec"), threads.toString());
  }

  private static List<String> threadNames(long pid) throws java.io.IOException {
    List<String> names = new ArrayList<>();
    try (var tasks = java.nio.file.Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          names.add(java.nio.file.Files.readString(task.resolve("comm")).strip());
        } catch (java.nio.file.NoSuchFileException ended) {
          // a thread that ended while listed
        }
      }
    }
    return names;
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "engine {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"embedded", "haproxy"})
  void theLabServesBalancesAndFailsOver(String engine, @TempDir Path tmp) throws Exception {
    lbc =
        start(
            lines,
            "run",
            "examples/lab.yaml",
            "--simulate-servers",
            "--admin",
            ADMIN,
            "--engine",
            engine);
    List<String> seen = new ArrayList<>();
    await(lines, "serving 3 service(s)", seen);
    RunReloadTest.awaitServing();

    Map<String, Integer> counts = https(10);
    assertEquals(Map.of("MBOX1", 5, "MBOX2", 5), counts);

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + ADMIN + "/api/status")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode());

    assertEquals(200, admin(http, "POST", "/api/simulated/MBOX2/inactive").statusCode());
    // /owa/ goes to the OWA pool (the lab lists vdirs): its own check takes MBOX2 out.
    // embedded: "MBOX-HTTPS-owa/MBOX2 DOWN: GET ... returned 503, 2/2 failed";
    // HAProxy: "Server MBOX-HTTPS-owa/MBOX2 is DOWN, reason: Layer7 wrong status, code: 503"
    await(
        lines,
        engine.equals("embedded")
            ? "MBOX-HTTPS-owa/MBOX2 DOWN: GET /owa/healthcheck.htm returned 503, 2/2 failed"
            : "Server MBOX-HTTPS-owa/MBOX2 is DOWN, reason: Layer7 wrong status, code: 503",
        seen);
    assertEquals(Map.of("MBOX1", 4), https(4));
    admin(http, "POST", "/api/simulated/MBOX2/active");
    await(
        lines,
        engine.equals("embedded") ? "MBOX-HTTPS-owa/MBOX2 UP" : "Server MBOX-HTTPS-owa/MBOX2 is UP",
        seen);

    assertEquals(
        200, admin(http, "POST", "/api/services/MBOX-HTTPS/servers/MBOX1/drain").statusCode());
    assertEquals(Map.of("MBOX2", 4), https(4));
    var status =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(admin(http, "GET", "/api/status").body());
    var mbox1 = status.get("services").get(0).get("servers").get(0);
    assertEquals("MBOX1", mbox1.get("name").asText());
    assertEquals("UP", mbox1.get("state").asText());
    assertEquals("drain", mbox1.get("admin").asText(), status.toString());

    Path mail = java.nio.file.Files.writeString(tmp.resolve("m.txt"), "Subject: lab\r\n\r\nhi\r\n");
    Netns.Result smtp =
        Netns.run(
            List.of(
                "curl",
                "-s",
                "--max-time",
                "5",
                "smtp://127.0.0.10:2525",
                "--mail-from",
                "a@lab.example",
                "--mail-rcpt",
                "b@lab.example",
                "-T",
                mail.toString()),
            null);
    assertEquals(0, smtp.exit(), smtp.err());
    String after = admin(http, "GET", "/api/status").body();
    assertTrue(after.contains("\"messages\":1"), after);
  }

  static Map<String, Integer> https(int n) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Netns.Result r =
          Netns.run(
              List.of("curl", "-sk", "--max-time", "5", "https://127.0.0.10:8443/owa/"), null);
      assertEquals(0, r.exit(), r.err());
      counts.merge(
          r.out().lines().findFirst().orElse("").replace("served by ", ""), 1, Integer::sum);
    }
    return counts;
  }

  static HttpResponse<String> admin(HttpClient http, String method, String path) throws Exception {
    return admin(http, ADMIN, method, path);
  }

  /** The same, on the admin API at {@code address} (host:port). */
  static HttpResponse<String> admin(HttpClient http, String address, String method, String path)
      throws Exception {
    String auth =
        Base64.getEncoder().encodeToString("admin:lab-secret".getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create("http://" + address + path))
            .header("Authorization", "Basic " + auth)
            // a script's same-origin proof; without it a POST is refused like a cross-site form
            .header("X-Requested-With", "RunCommandTest")
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
