package dev.lbc.runtime.engine;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The armed {@link PairTimer}s of one event loop, earliest first (a binary heap of the timers
 * themselves, each knowing its place), behind one Netty scheduled task set for the earliest. A
 * Netty task per pair would be a 64-byte object and a slot in the loop's queue on every idle
 * connection; here a pair costs its slot in this heap. Only ever used on its own loop's thread.
 */
final class LoopTimers implements Runnable {
  private static final FastThreadLocal<LoopTimers> OF_THREAD = new FastThreadLocal<>();
  private static final PairTimer[] NONE_ARMED = new PairTimer[0];

  private final EventExecutor loop;
  private PairTimer[] heap = NONE_ARMED;
  private int size;
  // Netty's task, and the System.nanoTime() it is set for (PairTimer.NONE when not set)
  private ScheduledFuture<?> task;
  private long taskAt = PairTimer.NONE;
  // the timers due when the task runs, taken out before any fires
  private final ArrayList<PairTimer> firing = new ArrayList<>();

  private LoopTimers(EventExecutor loop) {
    this.loop = loop;
  }

  /** The timers of {@code loop}; on {@code loop}'s thread. */
  static LoopTimers of(EventExecutor loop) {
    LoopTimers timers = OF_THREAD.get();
    if (timers == null) {
      timers = new LoopTimers(loop);
      OF_THREAD.set(timers);
    }
    return timers;
  }

  /** The timers of the current thread's loop, which has armed one. */
  static LoopTimers current() {
    return OF_THREAD.get();
  }

  /** Arms {@code t} for {@code at} (System.nanoTime()), earlier than it is armed for, if at all. */
  void arm(PairTimer t, long at) {
    t.armedFor = at;
    if (t.heapIndex < 0) {
      if (size == heap.length) {
        heap = Arrays.copyOf(heap, Math.max(16, size * 2));
      }
      t.heapIndex = size;
      heap[size++] = t;
    }
    siftUp(t.heapIndex);
    if (at < taskAt) {
      schedule(at);
    }
  }

  /** Disarms {@code t}; Netty's task may then fire for nothing, and sets itself again. */
  void disarm(PairTimer t) {
    int i = t.heapIndex;
    if (i < 0) {
      return;
    }
    t.heapIndex = -1;
    t.armedFor = PairTimer.NONE;
    PairTimer last = heap[--size];
    heap[size] = null;
    if (i < size) {
      place(last, i);
      siftDown(i);
      siftUp(last.heapIndex);
    }
    if (heap.length > 64 && size < heap.length / 4) {
      heap = Arrays.copyOf(heap, heap.length / 2);
    }
  }

  /** Netty's task: every timer due fires (and may arm itself again), then the task is set again. */
  @Override
  public void run() {
    task = null;
    taskAt = PairTimer.NONE;
    long now = System.nanoTime();
    // The due ones are taken out first: one that fires may arm itself again, even at once.
    while (size > 0 && PairTimer.passed(now, heap[0].armedFor)) {
      PairTimer t = heap[0];
      disarm(t);
      firing.add(t);
    }
    for (PairTimer t : firing) {
      t.fire(this, now);
    }
    firing.clear();
    if (size > 0 && heap[0].armedFor < taskAt) {
      schedule(heap[0].armedFor);
    }
  }

  private void schedule(long at) {
    if (task != null) {
      task.cancel(false);
    }
    taskAt = at;
    task = loop.schedule(this, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void siftUp(int i) {
    PairTimer t = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      PairTimer p = heap[parent];
      if (p.armedFor <= t.armedFor) {
        break;
      }
      place(p, i);
      i = parent;
    }
    place(t, i);
  }

  private void siftDown(int i) {
    PairTimer t = heap[i];
    for (int child = 2 * i + 1; child < size; child = 2 * i + 1) {
      int earlier =
          child + 1 < size && heap[child + 1].armedFor < heap[child].armedFor ? child + 1 : child;
      if (t.armedFor <= heap[earlier].armedFor) {
        break;
      }
      place(heap[earlier], i);
      i = earlier;
    }
    place(t, i);
  }

  private void place(PairTimer t, int i) {
    heap[i] = t;
    t.heapIndex = i;
  }
}
