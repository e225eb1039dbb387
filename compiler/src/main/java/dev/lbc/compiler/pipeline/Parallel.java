package dev.lbc.compiler.pipeline;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs independent tasks over the machine's cores, the calling thread among them, and gives their
 * results in task order: the files of one lint run are staged this way (read, parsed, validated,
 * modelled, linted), since nothing of one file reaches another before the run's own rules.
 *
 * <p>Threads of its own rather than a pool: a lint is one short process, and a run of one file (the
 * common case, and every editor's) starts none. A task that throws stops nothing else; the
 * exception of the first such task in task order is thrown here once all have ended, as a loop over
 * them in order would have thrown it.
 */
final class Parallel {
  private Parallel() {}

  /** {@code task} applied to 0 .. count-1, on up to {@code threads} threads; results in order. */
  static <T> List<T> map(int count, int threads, IntFunction<T> task) {
    Object[] results = new Object[count];
    Throwable[] failures = new Throwable[count];
    Worker<T> worker = new Worker<>(count, task, results, failures);
    int helpers = Math.min(threads, count) - 1;
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < helpers; i++) {
      Thread t = new Thread(worker, "lbc-lint-" + (i + 1));
      t.setDaemon(true);
      try {
        t.start();
      } catch (OutOfMemoryError noThread) {
        // a container's process limit: the threads already started, and this one, do the rest
        break;
      }
      started.add(t);
    }
    worker.run();
    boolean interrupted = false;
    for (Thread t : started) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the results are still needed: wait, and keep the interrupt
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    for (Throwable f : failures) {
      if (f instanceof RuntimeException r) {
        throw r;
      }
      if (f instanceof Error e) {
        throw e;
      }
      if (f != null) {
        throw new UndeclaredThrowableException(f); // a checked exception thrown past the compiler
      }
    }
    @SuppressWarnings("unchecked")
    List<T> ordered = (List<T>) Arrays.asList(results);
    return ordered;
  }

  /** The processors a run may use: every core the JVM is given. */
  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Takes the next task until none is left; every thread of a run shares one. */
  private static final class Worker<T> implements Runnable {
    private final AtomicInteger next = new AtomicInteger();
    private final int count;
    private final IntFunction<T> task;
    private final Object[] results;
    private final Throwable[] failures;

    Worker(int count, IntFunction<T> task, Object[] results, Throwable[] failures) {
      this.count = count;
      this.task = task;
      this.results = results;
      this.failures = failures;
    }

    @Override
    public void run() {
      int i;
      while ((i = next.getAndIncrement()) < count) {
        try {
          results[i] = task.apply(i);
        } catch (Throwable e) {
          failures[i] = e;
        }
      }
    }
  }
}
