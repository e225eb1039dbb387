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
import java.util.Map;
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
    List<String> run = jvmArgs(tmp.resolve("run"), Map.of(), "run", "x.yaml");
    assertTrue(run.containsAll(RUN_FLAGS), run.toString());
    // the JVM's own start-up errors, a bad option in LBC_JAVA_OPTS, on stderr: never in a report
    assertTrue(run.contains(VM_OUTPUT_TO_STDERR), run.toString());
    // G1's periodic collection also fired under load (ADR 0027)
    assertFalse(run.stream().anyMatch(a -> a.startsWith("-XX:G1PeriodicGC")), run.toString());
    assertFalse(run.contains(FIRST_TIER_ONLY), run.toString());
    assertFalse(run.contains(NO_PERF_DATA), run.toString()); // jcmd and jstat on a server

    List<String> lint = jvmArgs(tmp.resolve("lint"), Map.of(), "lint", "x.yaml");
    assertTrue(
        lint.containsAll(List.of(FIRST_TIER_ONLY, "-XX:+UseG1GC", NO_PERF_DATA)), lint.toString());
    assertFalse(lint.contains("-XX:+ExplicitGCInvokesConcurrent"), lint.toString());
  }

  @Test
  void theReleasesLauncherGivesRunTheSameFlags(@TempDir Path tmp) throws Exception {
    Path lbc = release(tmp);
    Path home = lbc.getParent().getParent();
    List<String> run = launch(List.of("sh", lbc.toString(), "run", "x.yaml"), home, Map.of());
    assertTrue(run.containsAll(RUN_FLAGS), run.toString());
    // G1's periodic collection also fired under load (ADR 0027)
    assertFalse(run.stream().anyMatch(a -> a.startsWith("-XX:G1PeriodicGC")), run.toString());
    assertFalse(run.contains(FIRST_TIER_ONLY), run.toString());
    assertFalse(run.contains(NO_PERF_DATA), run.toString()); // jcmd and jstat on a server
    List<String> lint = launch(List.of("sh", lbc.toString(), "lint", "x.yaml"), home, Map.of());
    assertTrue(lint.contains(VM_OUTPUT_TO_STDERR), lint.toString());
    assertTrue(
        lint.containsAll(List.of(FIRST_TIER_ONLY, "-XX:+UseG1GC", NO_PERF_DATA)), lint.toString());
    assertEquals(kernelOffersHugePages(), lint.contains(HUGE_PAGES), lint.toString());

    assertCollectorChosenAsAsked(
        javaOpts ->
            launch(List.of("sh", lbc.toString(), "run", "x.yaml"), home, lbcJavaOpts(javaOpts)));
  }

  @Test
  void theDevelopmentLauncherReadsLbcJavaOptsAsTheReleaseDoes(@TempDir Path tmp) throws Exception {
    assertCollectorChosenAsAsked(
        javaOpts ->
            jvmArgs(Files.createTempDirectory(tmp, "run"), lbcJavaOpts(javaOpts), "run", "x.yaml"));
  }

  @Test
  void aCollectorJavaIsGivenByTheEnvironmentReplacesLbcsInBothLaunchers(@TempDir Path tmp)
      throws Exception {
    // these variables reach every java; beside lbc's collector the JVM would not start at all.
    // The class-data archive is still made on lbc's own settings, without them: dumped on
    // another collector it would be refused by every later run.
    for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
      Map<String, String> env = Map.of(variable, "-Xmx1g\t-XX:+UseZGC");
      for (String command : List.of("run", "lint")) {
        Path dev = Files.createTempDirectory(tmp, "dev");
        jvmArgs(dev, env, command, "x.yaml");
        Path release = Files.createTempDirectory(tmp, "release");
        Path lbc = release(release);
        launch(List.of("sh", lbc.toString(), command), lbc.getParent().getParent(), env);
        for (Path args : List.of(dev.resolve("java-args"), release.resolve("java-args"))) {
          List<List<String>> calls = calls(args);
          List<String> own = calls.get(calls.size() - 1);
          assertTrue(own.contains(ENV + "-Xmx1g\t-XX:+UseZGC"), variable + " " + own);
          for (String lbcs : List.of("-XX:+UseG1GC", "-XX:+UseSerialGC", "-Xmn16m", HUGE_PAGES)) {
            assertFalse(own.contains(lbcs), variable + " " + command + ": " + own);
          }
          List<List<String>> archive = calls.subList(0, calls.size() - 1);
          assertTrue(archive.stream().anyMatch(c -> c.contains("-Xshare:dump")), calls.toString());
          for (List<String> call : archive) {
            assertTrue(call.contains(ENV) && call.contains("-XX:+UseG1GC"), call.toString());
          }
        }
      }
    }
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
    List<String> lint = jvmArgs(tmp, Map.of(), "lint", "x.yaml");
    assertEquals(kernelOffersHugePages(), lint.contains(HUGE_PAGES), lint.toString());
  }

  private static final String FIRST_TIER_ONLY = "-XX:TieredStopAtLevel=1";
  private static final String NO_PERF_DATA = "-XX:-UsePerfData";
  private static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";
  private static final String VM_OUTPUT_TO_STDERR = "-XX:+DisplayVMOutputToStderr";

  /** Whether this machine's kernel gives transparent huge pages to a process that asks. */
  private static boolean kernelOffersHugePages() throws Exception {
    Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    if (!Files.isReadable(setting)) {
      return false;
    }
    String mode = Files.readString(setting);
    return mode.contains("[always]") || mode.contains("[madvise]");
  }

  /** LBC_JAVA_OPTS set to {@code javaOpts}, or nothing for "". */
  private static Map<String, String> lbcJavaOpts(String javaOpts) {
    return javaOpts.isEmpty() ? Map.of() : Map.of("LBC_JAVA_OPTS", javaOpts);
  }

  /**
   * bin/lbc as scripts/release.sh writes it into a release under {@code tmp}, with a stand-in java
   * recording into {@code tmp/java-args}; the launcher's path.
   */
  private static Path release(Path tmp) throws Exception {
    String release = Files.readString(Repo.root().resolve("scripts/release.sh"));
    int from = release.indexOf('\n', release.indexOf("cat >\"$image/bin/lbc\" <<'EOF'")) + 1;
    String launcher = release.substring(from, release.indexOf("\nEOF\n", from) + 1);
    Path home = Files.createDirectories(tmp.resolve("lbc-release"));
    Path lbc = Files.createDirectories(home.resolve("bin")).resolve("lbc");
    Files.writeString(lbc, launcher);
    Files.createFile(Files.createDirectories(home.resolve("lib")).resolve("lbc.jar"));
    standIn(Files.createDirectories(home.resolve("runtime/bin")), tmp.resolve("java-args"));
    return lbc;
  }

  /**
   * The arguments ./lbc gives java for the command line given, the jar already built, with {@code
   * env} added to its environment; the calls are recorded in {@code tmp/java-args}.
   */
  private static List<String> jvmArgs(Path tmp, Map<String, String> env, String... line)
      throws Exception {
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.copy(
        Repo.root().resolve("lbc"), checkout.resolve("lbc"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.createFile(
        Files.createDirectories(checkout.resolve("cli/target")).resolve("lbc-all.jar"));
    standIn(Files.createDirectories(tmp.resolve("bin")), tmp.resolve("java-args"));
    List<String> command = new ArrayList<>(List.of("bash", "./lbc"));
    command.addAll(List.of(line));
    return launch(command, checkout, env);
  }

  /**
   * A java in {@code bin} that records each call's arguments in {@code args}, and then the JVM
   * option variables set for it, after {@link #ENV}.
   */
  private static void standIn(Path bin, Path args) throws Exception {
    Path standIn = bin.resolve("java");
    Files.writeString(
        standIn,
        "#!/bin/sh\nprintf '%s\\n' "
            + CALL
            + " \"$@\" \""
            + ENV
            + "${JAVA_TOOL_OPTIONS-}${JDK_JAVA_OPTIONS-}${_JAVA_OPTIONS-}\" >>'"
            + args
            + "'\n");
    Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static final String CALL = "--call--";

  /** The last word of each recorded call: the JVM option variables it was started with. */
  private static final String ENV = "--env--";

  /** Each call of the stand-in java, in order. */
  private static List<List<String>> calls(Path args) throws Exception {
    List<List<String>> calls = new ArrayList<>();
    for (String line : Files.readAllLines(args)) {
      if (line.equals(CALL)) {
        calls.add(new ArrayList<>());
      } else {
        calls.get(calls.size() - 1).add(line);
      }
    }
    return calls;
  }

  /**
   * Runs a launcher with a stand-in java (recording into {@code dir}'s parent's java-args, which is
   * emptied first), with {@code env} and none of the JVM option variables otherwise; the arguments
   * of its last call, the command's own.
   */
  private static List<String> launch(List<String> command, Path dir, Map<String, String> env)
      throws Exception {
    Path args = dir.getParent().resolve("java-args");
    Files.deleteIfExists(args);
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", dir.getParent().resolve("bin") + ":/usr/bin:/bin");
    pb.environment()
        .keySet()
        .removeAll(
            List.of("LBC_JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"));
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), output);
    List<List<String>> calls = calls(args);
    return calls.get(calls.size() - 1);
  }
}
