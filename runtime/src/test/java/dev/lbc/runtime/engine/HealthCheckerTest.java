package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.runtime.pool.Member;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The checker's schedule, with checks injected: whatever a check throws or however long it hangs,
 * the check counts as failed at its deadline and the next one runs.
 */
class HealthCheckerTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final Member member = new Member("M", 1, 2, 2);
  private final Backend backend = new Backend(member, "127.0.0.1", 1, 0);
  private final CheckPlan plan =
      new CheckPlan(CheckType.TCP_CONNECT, null, null, 200, 100, 2, 2, null, false);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  private static void within(long ms, BooleanSupplier condition, String what) throws Exception {
    long start = System.currentTimeMillis();
    while (!condition.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() - start < ms, what + " within " + ms + " ms");
      Thread.sleep(10);
    }
  }

  @Test
  void aCheckThatThrowsCountsAsFailedAndTheNextOneRuns() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HealthChecker.Probe throwing =
        (c, h, p, d) -> {
          switch (calls.incrementAndGet()) {
            case 1 -> throw new OutOfMemoryError("Java heap space");
            case 2 -> throw new IllegalStateException("a bug in a check");
            default -> {
              return CompletableFuture.completedFuture(null);
            }
          }
        };
    new HealthChecker(timer, log::add, throwing, new ErrorLog(log::add))
        .watch("SVC", backend, plan, 1);
    within(3_000, () -> calls.get() >= 4, "checks go on after a check threw");
    within(
        3_000,
        () -> log.contains("SVC/M UP: TCP connect passed, 2/2 passed"),
        "UP again after two passed checks: " + log);
    assertTrue(
        log.contains(
            "SVC/M DOWN: TCP connect: internal error (java.lang.IllegalStateException: a bug in a"
                + " check), 2/2 failed"),
        "" + log);
    // A check that fails inside lbc is a bug: logged, once per member and summary window.
    assertTrue(
        log.contains("SVC/M: check internal error: java.lang.OutOfMemoryError: Java heap space"),
        "" + log);
    assertTrue(
        log.stream().noneMatch(l -> l.startsWith("SVC/M: check internal error: java.lang.I")));
  }

  @Test
  void aCheckThatNeverEndsFailsAtItsDeadline() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HealthChecker.Probe hanging =
        (c, h, p, d) -> {
          calls.incrementAndGet();
          return new CompletableFuture<>();
        };
    new HealthChecker(timer, log::add, hanging, new ErrorLog(log::add))
        .watch("SVC", backend, plan, 1);
    // fall 2 x interval 100 ms, and ten times that for a loaded machine.
    within(
        2_000,
        () -> log.contains("SVC/M DOWN: TCP connect: timed out after 100 ms, 2/2 failed"),
        "DOWN while its checks hang: " + log);
    assertTrue(!member.isUp());
    within(2_000, () -> calls.get() >= 4, "checks go on");
  }
}
