package dev.lbc.testsupport;

import java.util.List;

/**
 * The JVM flags both launchers (./lbc and the release's bin/lbc) give {@code lbc run}: held against
 * the launchers by the CLI's LauncherRunFlagsTest, and started with by the runtime's tests of what
 * the flags are for (RestCollectorTest).
 */
public final class RunJvmFlags {
  private RunJvmFlags() {}

  public static final List<String> FLAGS =
      List.of(
          "-XX:+UseSerialGC",
          "-Xms24m",
          "-Xmn16m",
          "-XX:MaxTenuringThreshold=0",
          "-XX:MinHeapFreeRatio=40",
          "-XX:MaxHeapFreeRatio=50",
          "-XX:-ShrinkHeapInSteps");

  /**
   * The G1 flags docs/running.md gives a deployment whose connections' state outgrows a
   * stop-the-world collection (LBC_JAVA_OPTS), and that {@code lbc run} used before ADR 0029.
   */
  public static final List<String> G1_FLAGS =
      List.of(
          "-XX:+UseG1GC",
          "-XX:+ExplicitGCInvokesConcurrent",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=20",
          "-XX:G1HeapRegionSize=1m",
          "-XX:MaxTenuringThreshold=0");
}
