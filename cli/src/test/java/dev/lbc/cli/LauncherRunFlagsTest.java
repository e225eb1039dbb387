package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import dev.lbc.testsupport.RunJvmFlags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM ./lbc starts for `lbc run`, a long-running server: the serial collector on a small young
 * generation, the cheapest per request (ADR 0029), with a small initial heap, so that lbc's
 * collection at rest (RestCollector) can give the heap it no longer needs back to the system and
 * idle connections cost their own objects and not the garbage of the load before them; what
 * survives a young collection (mostly a connection's state) is promoted at once instead of copied
 * again. Short commands stop at the first JIT tier, with G1 (the only collector that maps the
 * class-data archive's heap objects). A stand-in java records its arguments, so no real JVM starts.
 */
class LauncherRunFlagsTest {
  private static final List<String> RUN_FLAGS = RunJvmFlags.FLAGS;

  @Test
  void runReturnsIdleHeapAndShortCommandsStopAtTheFirstTier(@TempDir Path tmp) throws Exception {
    List<String> run = jvmArgs(tmp.resolve("run"), "", "run", "x.yaml");
    assertTrue(run.containsAll(RUN_FLAGS), run.toString());
    // G1's periodic collection also fired under load (ADR 0027)
    assertFalse(run.stream().anyMatch(a -> a.startsWith("-XX:G1PeriodicGC")), run.toString());
    assertFalse(run.contains(FIRST_TIER_ONLY), run.toString());
    assertFalse(run.contains(NO_PERF_DATA), run.toString()); // jcmd and jstat on a server

    List<String> lint = jvmArgs(tmp.resolve("lint"), "", "lint", "x.yaml");
    assertTrue(
        lint.containsAll(List.of(FIRST_TIER_ONLY, "-XX:+UseG1GC", NO_PERF_DATA)), lint.toString());
    assertFalse(lint.contains("-XX:+ExplicitGCInvokesConcurrent"), lint.toString());
  }

  @Test
  void theReleasesLauncherGivesRunTheSameFlags(@TempDir Path tmp) throws Exception {
    // bin/lbc as scripts/release.sh writes it into the release
    String release = Files.readString(Repo.root().resolve("scripts/release.sh"));
    int from = release.indexOf('\n', release.indexOf("cat >\"$image/bin/lbc\" <<'EOF'")) + 1;
    String launcher = release.substring(from, release.indexOf("\nEOF\n", from) + 1);
    Path home = Files.createDirectories(tmp.resolve("lbc-release"));
    Path lbc = Files.createDirectories(home.resolve("bin")).resolve("lbc");
    Files.writeString(lbc, launcher);
    Files.createFile(Files.createDirectories(home.resolve("lib")).resolve("lbc.jar"));
    Path args = tmp.resolve("java-args");
    standIn(Files.createDirectories(home.resolve("runtime/bin")), args);

    List<String> run = launch(List.of("sh", lbc.toString(), "run", "x.yaml"), tmp, args, "");
    assertTrue(run.containsAll(RUN_FLAGS), run.toString());
    // G1's periodic collection also fired under load (ADR 0027)
    assertFalse(run.stream().anyMatch(a -> a.startsWith("-XX:G1PeriodicGC")), run.toString());
    assertFalse(run.contains(FIRST_TIER_ONLY), run.toString());
    assertFalse(run.contains(NO_PERF_DATA), run.toString()); // jcmd and jstat on a server
    List<String> lint = launch(List.of("sh", lbc.toString(), "lint", "x.yaml"), tmp, args, "");
    assertTrue(
        lint.containsAll(List.of(FIRST_TIER_ONLY, "-XX:+UseG1GC", NO_PERF_DATA)), lint.toString());
    assertEquals(kernelOffersHugePages(), lint.contains(HUGE_PAGES), lint.toString());

    assertCollectorChosenAsAsked(
        javaOpts -> launch(List.of("sh", lbc.toString(), "run", "x.yaml"), tmp, args, javaOpts));
  }

  @Test
  void theDevelopmentLauncherReadsLbcJavaOptsAsTheReleaseDoes(@TempDir Path tmp) throws Exception {
    assertCollectorChosenAsAsked(
        javaOpts -> jvmArgs(Files.createTempDirectory(tmp, "run"), javaOpts, "run", "x.yaml"));
  }

  /** The JVM's arguments for `lbc run` with the LBC_JAVA_OPTS given. */
  private interface RunWith {
    List<String> args(String javaOpts) throws Exception;
  }

  /**
   * A deployment that picks its collector (docs/running.md) gets it alone: with lbc's serial one
   * beside it the JVM would not start ("Multiple garbage collectors selected"). Any other option,
   * even one that starts with -XX:+Use or ends in GC, keeps lbc's collector and its tuning.
   */
  private static void assertCollectorChosenAsAsked(RunWith launcher) throws Exception {
    for (String javaOpts :
        List.of(
            String.join(" ", RunJvmFlags.G1_FLAGS),
            "-XX:+UseParallelGC",
            "-Xmx1g\t-XX:+UseZGC\t-Xlog:gc")) {
      List<String> chosen = launcher.args(javaOpts);
      assertFalse(
          chosen.contains("-XX:+UseSerialGC") || chosen.contains("-Xmn16m"), javaOpts + chosen);
      assertAllPassed(javaOpts, chosen);
    }
    for (String javaOpts :
        List.of(
            "-Xmx2g",
            "-XX:+UseSerialGC",
            "-XX:+UseNUMA -XX:+PrintGC",
            "-XX:+UseTransparentHugePages -XX:+DisableExplicitGC",
            "-XX:+UseAdaptiveSizePolicyWithSystemGC",
            "-XX:+UseStringDeduplication\t-Xmx1g")) {
      List<String> run = launcher.args(javaOpts);
      assertTrue(run.containsAll(RUN_FLAGS), javaOpts + run);
      assertAllPassed(javaOpts, run);
    }
  }

  private static void assertAllPassed(String javaOpts, List<String> jvmArgs) {
    for (String word : javaOpts.split("\\s+")) {
      assertTrue(jvmArgs.contains(word), word + " in " + jvmArgs);
    }
  }

  @Test
  void theBenchmarksRunTheEngineWithTheSameFlags() throws Exception {
    // scripts/bench-run.sh and its kin measure the engine as lbc run starts it
    String engine = Files.readString(Repo.root().resolve("scripts/bench/engine.sh"));
    assertTrue(engine.contains("${LBC_RUN_JVM:-" + String.join(" ", RUN_FLAGS) + "}"), engine);
  }

  @Test
  void theDocsGiveTheG1FlagsTheRuntimesTestsRunOn() throws Exception {
    // docs/running.md's recipe for a deployment that holds tens of thousands of connections is
    // the one RestCollectorTest shows collecting at rest
    String running = Files.readString(Repo.root().resolve("docs/running.md"));
    String recipe = "LBC_JAVA_OPTS=\"" + String.join(" ", RunJvmFlags.G1_FLAGS) + "\"";
    assertTrue(running.replaceAll("\\s+", " ").contains(recipe), recipe);
  }

  @Test
  void shortCommandsAskForHugePagesOnlyWhereTheKernelOffersThem(@TempDir Path tmp)
      throws Exception {
    // asked for where not offered, the JVM warns on stderr on every run
    List<String> lint = jvmArgs(tmp, "", "lint", "x.yaml");
    assertEquals(kernelOffersHugePages(), lint.contains(HUGE_PAGES), lint.toString());
  }

  private static final String FIRST_TIER_ONLY = "-XX:TieredStopAtLevel=1";
  private static final String NO_PERF_DATA = "-XX:-UsePerfData";
  private static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";

  /** Whether this machine's kernel gives transparent huge pages to a process that asks. */
  private static boolean kernelOffersHugePages() throws Exception {
    Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    if (!Files.isReadable(setting)) {
      return false;
    }
    String mode = Files.readString(setting);
    return mode.contains("[always]") || mode.contains("[madvise]");
  }

  /**
   * The arguments ./lbc gives java for the command line given, the jar already built, with {@code
   * javaOpts} as its LBC_JAVA_OPTS ("" for none).
   */
  private static List<String> jvmArgs(Path tmp, String javaOpts, String... line) throws Exception {
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.copy(
        Repo.root().resolve("lbc"), checkout.resolve("lbc"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.createFile(
        Files.createDirectories(checkout.resolve("cli/target")).resolve("lbc-all.jar"));
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path args = tmp.resolve("java-args");
    standIn(bin, args);
    List<String> command = new ArrayList<>(List.of("bash", "./lbc"));
    command.addAll(List.of(line));
    return launch(command, checkout, args, javaOpts);
  }

  /** A java in {@code bin} that records its arguments; the last call is the command's own. */
  private static void standIn(Path bin, Path args) throws Exception {
    Path standIn = bin.resolve("java");
    Files.writeString(standIn, "#!/bin/sh\nprintf '%s\\n' \"$@\" >'" + args + "'\n");
    Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Runs a launcher with a stand-in java; {@code javaOpts} is its LBC_JAVA_OPTS ("" for none). */
  private static List<String> launch(List<String> command, Path dir, Path args, String javaOpts)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", dir.getParent().resolve("bin") + ":/usr/bin:/bin");
    pb.environment().remove("LBC_JAVA_OPTS");
    if (!javaOpts.isEmpty()) {
      pb.environment().put("LBC_JAVA_OPTS", javaOpts);
    }
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), output);
    return Files.readAllLines(args);
  }
}
