package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appliance's HAProxy statistics page gives admin rights (drain, halt), so it must never open
 * with an empty password: HAProxy refuses the generated configuration when the password variable is
 * missing from its environment or empty, and the running page answers 401 to no credentials, to
 * {@code admin:} and to a wrong password, and 200 to the right one. Real HAProxy, in a network
 * namespace, with the configuration lbc build wrote.
 */
class StatsPageTest {
  private static final String STATS = "http://127.0.0.5:7777/";
  private static final String LAB = "examples/lab.yaml";

  @Test
  void checkRefusesAMissingOrEmptyPasswordVariable(@TempDir Path tmp) throws Exception {
    Path appliance = build(tmp, Files.readString(Repo.root().resolve(LAB)));

    Netns.Result unset = InstalledHaproxy.check(appliance, Map.of());
    assertNotEquals(0, unset.exit(), unset.out());
    assertTrue(
        unset.out().contains("LB_ADMIN_PASSWORD is not set in HAProxy's environment"), unset.out());

    Netns.Result empty = InstalledHaproxy.check(appliance, Map.of("LB_ADMIN_PASSWORD", ""));
    assertNotEquals(0, empty.exit(), empty.out());
    assertTrue(empty.out().contains("LB_ADMIN_PASSWORD is empty"), empty.out());

    Netns.Result set = InstalledHaproxy.check(appliance);
    assertEquals(0, set.exit(), set.out());
  }

  @Test
  void haproxyRefusesToStartWithoutThePasswordAndAsksForItWithIt(@TempDir Path tmp)
      throws Exception {
    Path appliance = build(tmp, Files.readString(Repo.root().resolve(LAB)));
    try (Netns ns = new Netns()) {
      ns.exec(List.of("ip", "link", "set", "lo", "up"), null);
      Process refused = start(ns, appliance, Map.of(), tmp.resolve("refused.log"));
      assertTrue(refused.waitFor(30, TimeUnit.SECONDS), "HAProxy started without the password");
      String log = Files.readString(tmp.resolve("refused.log"));
      assertNotEquals(0, refused.exitValue(), log);
      assertTrue(log.contains("LB_ADMIN_PASSWORD is not set"), log);

      assertAsksForThePassword(
          ns,
          appliance,
          Map.of("LB_ADMIN_PASSWORD", InstalledHaproxy.PASSWORD),
          InstalledHaproxy.PASSWORD,
          tmp);
    }
  }

  @Test
  void aHashedPasswordProtectsThePageWithoutAnyVariable(@TempDir Path tmp) throws Exception {
    // openssl passwd -6 -salt lbcsalt s3cret
    String hash =
        "$6$lbcsalt$poB.PZoPftn13NitmAjGl9ATCLhp.OH1uYPs.CmXa9khVCqMtDIvKH1XWfC/oyvcENgz4mFpVvkGRNJoDQPnU.";
    Path appliance =
        build(
            tmp,
            Files.readString(Repo.root().resolve(LAB))
                .replace(
                    "admin-password: ${env:LB_ADMIN_PASSWORD}",
                    "admin-password-hash: \"" + hash + "\""));
    try (Netns ns = new Netns()) {
      ns.exec(List.of("ip", "link", "set", "lo", "up"), null);
      assertAsksForThePassword(ns, appliance, Map.of(), "s3cret", tmp);
    }
  }

  @Test
  void aLiteralPasswordProtectsThePageToo(@TempDir Path tmp) throws Exception {
    Path appliance =
        build(
            tmp,
            Files.readString(Repo.root().resolve(LAB))
                .replace("${env:LB_ADMIN_PASSWORD}", "Literal-S3cret"));
    // haproxy.cfg needs the password; plan.json, the build's review surface, does not
    String plan = Files.readString(appliance.resolve("../../plan.json"));
    assertFalse(plan.contains("Literal-S3cret"), plan);
    assertTrue(
        plan.contains("\"adminPasswordLiteral\" : \"(set in the deployment, not shown)\""), plan);
    try (Netns ns = new Netns()) {
      ns.exec(List.of("ip", "link", "set", "lo", "up"), null);
      assertAsksForThePassword(ns, appliance, Map.of(), "Literal-S3cret", tmp);
    }
  }

  private static void assertAsksForThePassword(
      Netns ns, Path appliance, Map<String, String> env, String password, Path tmp)
      throws Exception {
    Path logFile = tmp.resolve("haproxy.log");
    Process haproxy = start(ns, appliance, env, logFile);
    try {
      String first = awaitAnswer(ns, haproxy, logFile);
      assertEquals("401", first, "no credentials");
      assertEquals("401", status(ns, "admin:"), "an empty password");
      assertEquals("401", status(ns, "admin:wrong"), "a wrong password");
      assertEquals("200", status(ns, "admin:" + password), "the right password");
    } finally {
      haproxy.destroy();
      haproxy.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Builds {@code yaml} (written beside a copy of examples/certs) and returns lb1's folder. */
  private static Path build(Path tmp, String yaml) throws IOException {
    Path src = tmp.resolve("src/deployment.yaml");
    Files.createDirectories(src.getParent());
    Files.writeString(src, yaml, StandardCharsets.UTF_8);
    // the lab's certificate, where the copy's certs/lab.pem names it
    Files.createDirectories(src.resolveSibling("certs"));
    Files.copy(Repo.root().resolve("examples/certs/lab.pem"), src.resolveSibling("certs/lab.pem"));
    Path out = tmp.resolve("build");
    Cli.Run run = Cli.lbc("build", src.toString(), "-o", out.toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    return out.resolve("appliances/lb1");
  }

  private static Process start(Netns ns, Path appliance, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
                InstalledHaproxy.command(
                    List.of("ip", "netns", "exec", ns.name), appliance, "-db", "-f", "haproxy.cfg"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().remove("LB_ADMIN_PASSWORD");
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Waits (10 s at most) for the page to answer; its status without credentials. */
  private static String awaitAnswer(Netns ns, Process haproxy, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String code = status(ns, null);
      if (!code.equals("000")) {
        return code;
      }
      if (!haproxy.isAlive()) {
        throw new AssertionError("HAProxy exited: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the statistics page never answered: " + Files.readString(log));
  }

  private static String status(Netns ns, String credentials) throws Exception {
    List<String> curl =
        new java.util.ArrayList<>(
            List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "3"));
    if (credentials != null) {
      curl.addAll(List.of("-u", credentials));
    }
    curl.add(STATS);
    return ns.exec(curl, null).out().strip();
  }
}
