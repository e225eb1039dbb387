package dev.lbc.runtime.serve;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/**
 * Gives the heap a load left behind back to the system once {@code lbc run} is at rest, and never
 * under load ({@link RestPolicy} decides when). Samples the bytes the JVM's threads have allocated
 * once a second, on a daemon thread of its own, and asks for a collection with {@link System#gc}.
 * On the serial collector, which the launchers give {@code lbc run} (ADR 0029), that is a full
 * collection: it stops every thread, and so every request in flight, for tens of milliseconds (17
 * to 25 ms after a benchmark's load, 45 ms with 8,000 idle connections held), at a moment when lbc
 * allocates under a megabyte a second ({@link RestPolicy}: idle connections, or a few hundred light
 * requests a second), and shrinks the old generation to the live set plus {@code
 * -XX:MaxHeapFreeRatio} at once. On G1 with {@code -XX:+ExplicitGCInvokesConcurrent} (a large
 * deployment's choice, docs/running.md) it is a concurrent cycle whose remark shrinks the heap the
 * same way. Not started on other collectors, nor on G1 without that flag (there a full collection
 * would stop every thread over a heap chosen to be large), nor where {@code -XX:+DisableExplicitGC}
 * turns it off.
 */
final class RestCollector implements AutoCloseable {
  static final long SAMPLE_MILLIS = 1000;

  private final Thread thread;

  private RestCollector(Thread thread) {
    this.thread = thread;
  }

  /**
   * Started when the JVM's collector gives its heap back on System.gc() (serial with
   * ShrinkHeapInSteps off, as the launchers start it: with it on, a first full collection shrinks
   * the old generation by nothing, the next by a tenth; or G1 with ExplicitGCInvokesConcurrent) and
   * it counts allocated bytes per thread; otherwise none (null), as on a JVM without HotSpot's
   * management beans: lbc run serves the same, only without returning its heap at rest.
   */
  static RestCollector startIfShrinking() {
    ThreadMXBean threads;
    try {
      if (!shrinkingExplicitCollections()) {
        return null;
      }
      threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      if (!threads.isThreadAllocatedMemorySupported()
          || !threads.isThreadAllocatedMemoryEnabled()
          || allocatedBytes(threads) < 0) {
        return null;
      }
    } catch (RuntimeException | LinkageError e) {
      return null; // another JVM's options or beans
    }
    Thread t = new Thread(() -> sampleUntilInterrupted(threads), "lbc-rest-collector");
    t.setDaemon(true);
    t.start();
    return new RestCollector(t);
  }

  private static boolean shrinkingExplicitCollections() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return vm != null
        && "false".equals(vm.getVMOption("DisableExplicitGC").getValue())
        && (on(vm, "UseSerialGC") && !on(vm, "ShrinkHeapInSteps")
            || on(vm, "UseG1GC") && on(vm, "ExplicitGCInvokesConcurrent"));
  }

  private static boolean on(HotSpotDiagnosticMXBean vm, String flag) {
    return "true".equals(vm.getVMOption(flag).getValue());
  }

  /**
   * The bytes the live threads have allocated, or -1 when counting is off. Summed over the threads
   * rather than read as one total: the total ({@code getTotalThreadAllocatedBytes}) is not in every
   * JDK 17 update. A thread that ends takes its count with it, so the sum can fall.
   */
  private static long allocatedBytes(ThreadMXBean threads) {
    long sum = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      if (bytes > 0) {
        sum += bytes;
      }
    }
    return threads.isThreadAllocatedMemoryEnabled() ? sum : -1;
  }

  private static void sampleUntilInterrupted(ThreadMXBean threads) {
    RestPolicy policy = new RestPolicy();
    long previous = allocatedBytes(threads);
    while (true) {
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = allocatedBytes(threads);
      if (now < 0 || previous < 0) {
        previous = now; // counting switched off (over JMX): no sample, and so no collection
        continue;
      }
      boolean collect = policy.sample(Math.max(0, now - previous));
      previous = now;
      if (collect) {
        System.gc();
      }
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
