package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reload without loss: while a client keeps HTTPS requests going through the VIP, the deployment
 * file changes 20 times; every change is applied and no request fails. An invalid change is
 * reported and the running configuration keeps serving.
 */
class RunReloadTest {
  static {
    System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "engine {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"embedded", "haproxy"})
  void twentyReloadsUnderLoadLoseNothing(String engine, @TempDir Path tmp) throws Exception {
    Path lab = tmp.resolve("lab.yaml");
    // the lab's certificate, where the copy's certs/lab.pem names it
    Files.createDirectories(tmp.resolve("certs"));
    Files.copy(Repo.root().resolve("examples/certs/lab.pem"), tmp.resolve("certs/lab.pem"));
    String original = Files.readString(Repo.root().resolve("examples/lab.yaml"));
    Files.writeString(lab, original);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    List<String> seen = new ArrayList<>();
    Process lbc =
        RunCommandTest.start(
            lines,
            "run",
            lab.toString(),
            "--simulate-servers",
            "--admin",
            "127.0.0.1:19093",
            "--engine",
            engine);
    try {
      RunCommandTest.await(lines, "serving 3 service(s)", seen);
      awaitServing();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger ok = new AtomicInteger();
      List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread load =
          new Thread(
              () -> {
                while (running.get()) {
                  try {
                    // a new client each time: every request is a new connection through the
                    // listener
                    HttpClient http = trustingClient();
                    HttpResponse<String> r =
                        http.send(
                            HttpRequest.newBuilder(URI.create("https://127.0.0.10:8443/owa/"))
                                .timeout(java.time.Duration.ofSeconds(5))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().startsWith("served by")) {
                      ok.incrementAndGet();
                    } else {
                      failures.add(r.statusCode() + " " + r.body());
                    }
                  } catch (Exception e) {
                    failures.add(e.toString());
                  }
                }
              });
      load.start();
      for (int i = 0; i < 20; i++) {
        String weight = i % 2 == 0 ? "weight: 50" : "weight: 100";
        Files.writeString(
            lab,
            original
                .replace(
                    "{ server: MBOX2, port: 8443, weight: 100 }",
                    "{ server: MBOX2, port: 8443, " + weight + " }")
                .replace("name: lab", "name: lab-" + i));
        RunCommandTest.await(lines, "reloaded", seen);
      }
      Files.writeString(lab, original.replace("mode: snat", "mode: snatt"));
      RunCommandTest.await(lines, "reload refused", seen);
      Thread.sleep(300);
      running.set(false);
      load.join(10_000);
      assertEquals(List.of(), failures, "requests failed during reloads");
      assertTrue(ok.get() > 50, "the load kept going: " + ok.get() + " requests");
      assertEquals(20, seen.stream().filter(l -> l.contains("reloaded")).count());
    } finally {
      lbc.destroy();
      lbc.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Waits until HTTPS through the VIP answers (HAProxy's first checks take a moment). */
  static void awaitServing() throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    while (true) {
      try {
        HttpResponse<String> r =
            trustingClient()
                .send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.10:8443/owa/")).build(),
                    HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (Exception e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
      }
      Thread.sleep(100);
    }
  }

  static HttpClient trustingClient() {
    return HttpClient.newBuilder().sslContext(dev.lbc.runtime.engine.Tls.trustAll()).build();
  }
}
