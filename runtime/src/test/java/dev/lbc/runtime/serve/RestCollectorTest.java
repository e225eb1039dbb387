package dev.lbc.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.RunJvmFlags;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RestCollector} in a JVM started with lbc run's collector flags (serial), and with the G1
 * flags docs/running.md gives a large deployment: under a load it asks for nothing, at rest its
 * collection (a full one on the serial collector, a concurrent cycle on G1) gives the heap back.
 */
class RestCollectorTest {
  private static final Pattern ASKED_FOR =
      Pattern.compile(
          "\\[(\\d+)ms\\].*Pause (Full|Young \\(Concurrent Start\\)) \\(System\\.gc\\(\\)\\)");

  /**
   * Collectors where lbc asks for nothing at rest: G1 without ExplicitGCInvokesConcurrent, and the
   * parallel collector, whose System.gc() is a full collection over a heap sized for throughput;
   * the serial collector as the JVM picks it on a small machine, whose old generation gives back
   * nothing on a first full collection (ShrinkHeapInSteps); and explicit collections disabled.
   * Named rather than the test JVM's own: that is the serial collector on one CPU or under 2 GB.
   */
  static List<List<String>> withoutCollectionAtRest() {
    List<String> parallel = new ArrayList<>(RunJvmFlags.FLAGS);
    parallel.set(parallel.indexOf("-XX:+UseSerialGC"), "-XX:+UseParallelGC");
    List<String> disabled = new ArrayList<>(RunJvmFlags.FLAGS);
    disabled.add("-XX:+DisableExplicitGC");
    List<String> shrinkingInSteps = new ArrayList<>(RunJvmFlags.FLAGS);
    shrinkingInSteps.remove("-XX:-ShrinkHeapInSteps");
    return List.of(
        List.of("-XX:+UseG1GC"), parallel, List.of("-XX:+UseSerialGC"), shrinkingInSteps, disabled);
  }

  @ParameterizedTest
  @MethodSource("withoutCollectionAtRest")
  void notStartedWhereItWouldStopEveryThreadForNothing(List<String> flags) throws Exception {
    Probe.Run run = Probe.run(flags);
    assertEquals(2, run.exit(), run.out());
    assertTrue(run.out().contains("no collector"), run.out());
  }

  static List<List<String>> collectorFlags() {
    return List.of(RunJvmFlags.FLAGS, RunJvmFlags.G1_FLAGS);
  }

  @ParameterizedTest
  @MethodSource("collectorFlags")
  void collectsAtRestOnlyAndGivesTheHeapBack(List<String> collector, @TempDir Path tmp)
      throws Exception {
    Path gcLog = tmp.resolve("gc.log");
    List<String> flags = new ArrayList<>(collector);
    flags.add("-Xlog:gc:file=" + gcLog + ":uptimemillis");
    Probe.Run run = Probe.run(flags);
    String out = run.out();
    assertEquals(0, run.exit(), out);

    long loadEnd = field(out, "load-end-ms");
    long underLoad = field(out, "committed-under-load");
    long atRest = field(out, "committed-at-rest");
    List<Long> requested = new ArrayList<>();
    Matcher m = ASKED_FOR.matcher(Files.readString(gcLog));
    while (m.find()) {
      requested.add(Long.parseLong(m.group(1)));
    }
    assertEquals(1, requested.size(), "one collection at rest: " + requested + ", " + out);
    assertTrue(requested.get(0) > loadEnd, "none asked for under load: " + requested + ", " + out);
    assertTrue(
        atRest * 2 < underLoad,
        "the heap given back at rest: " + atRest + " bytes against " + underLoad + " under load");
  }

  private static long field(String out, String name) {
    Matcher m = Pattern.compile(name + "=(\\d+)").matcher(out);
    assertTrue(m.find(), name + " in " + out);
    return Long.parseLong(m.group(1));
  }

  /** A load of 5 s that keeps about 64 MB live and allocates fast, then a rest of 8 s. */
  public static final class Probe {
    record Run(int exit, String out) {}

    /** Runs the probe in a JVM of its own with {@code flags}. */
    static Run run(List<String> flags) throws Exception {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(flags);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe ended");
      return new Run(
          p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
      RestCollector collector = RestCollector.startIfShrinking();
      if (collector == null) {
        System.out.println("no collector");
        System.exit(2);
      }
      byte[][] live = new byte[64 * 1024][];
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      long n = 0;
      while (System.nanoTime() < end) {
        live[(int) (n++ % live.length)] = new byte[1024];
      }
      long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
      System.out.println("load-end-ms=" + ManagementFactory.getRuntimeMXBean().getUptime());
      System.out.println("committed-under-load=" + committed);
      live = null;
      Thread.sleep(8_000);
      System.out.println(
          "committed-at-rest="
              + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted());
      collector.close();
    }
  }
}
