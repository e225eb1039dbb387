package dev.lbc.runtime.serve;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/**
 * Gives the heap a load left behind back to the system once {@code lbc run} is at rest, and never
 * under load ({@link RestPolicy} decides when). Samples the bytes the JVM's threads have allocated
 * once a second, on a daemon thread of its own, and asks for a collection with {@link System#gc},
 * which the launchers' {@code -XX:+ExplicitGCInvokesConcurrent} makes a concurrent G1 cycle: the
 * event loops keep running, and its remark shrinks the heap to the live set plus {@code
 * -XX:MaxHeapFreeRatio}. Started only on G1 with that flag on: elsewhere System.gc() would stop
 * every thread for a full collection.
 */
final class RestCollector implements AutoCloseable {
  static final long SAMPLE_MILLIS = 1000;

  private final Thread thread;

  private RestCollector(Thread thread) {
    this.thread = thread;
  }

  /**
   * Started when the JVM's flags make System.gc() a concurrent G1 cycle and it counts allocated
   * bytes per thread; otherwise none (null), as on a JVM without HotSpot's management beans: lbc
   * run serves the same, only without returning its heap at rest.
   */
  static RestCollector startIfConcurrent() {
    ThreadMXBean threads;
    try {
      if (!concurrentExplicitCollections()) {
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

  private static boolean concurrentExplicitCollections() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return vm != null
        && "true".equals(vm.getVMOption("UseG1GC").getValue())
        && "true".equals(vm.getVMOption("ExplicitGCInvokesConcurrent").getValue())
        && "false".equals(vm.getVMOption("DisableExplicitGC").getValue());
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
