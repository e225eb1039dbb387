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
          "-XX:+UseG1GC",
          "-XX:+ExplicitGCInvokesConcurrent",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=20",
          "-XX:G1HeapRegionSize=1m",
          "-XX:MaxTenuringThreshold=0");
}
