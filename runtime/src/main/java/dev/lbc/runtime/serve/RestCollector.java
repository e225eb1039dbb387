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
 * -XX:MaxHeapFreeRatio}. Started only where that flag is on: elsewhere System.gc() would stop every
 * thread for a full collection.
 */
final class RestCollector implements AutoCloseable {
  static final long SAMPLE_MILLIS = 1000;

  private final Thread thread;

  private RestCollector(Thread thread) {
    this.thread = thread;
  }

  /** Started when the JVM's flags make System.gc() concurrent; otherwise none (null). */
  static RestCollector startIfConcurrent() {
    if (!concurrentExplicitCollections()) {
      return null;
    }
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    if (!threads.isThreadAllocatedMemorySupported()
        || !threads.isThreadAllocatedMemoryEnabled()
        || threads.getTotalThreadAllocatedBytes() < 0) {
      return null;
    }
    Thread t = new Thread(() -> sampleUntilInterrupted(threads), "lbc-rest-collector");
    t.setDaemon(true);
    t.start();
    return new RestCollector(t);
  }

  private static boolean concurrentExplicitCollections() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return vm != null
        && "true".equals(vm.getVMOption("ExplicitGCInvokesConcurrent").getValue())
        && "false".equals(vm.getVMOption("DisableExplicitGC").getValue());
  }

  private static void sampleUntilInterrupted(ThreadMXBean threads) {
    RestPolicy policy = new RestPolicy();
    long previous = threads.getTotalThreadAllocatedBytes();
    while (true) {
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = threads.getTotalThreadAllocatedBytes();
      // a thread that ended takes its count with it: the total can fall
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
