package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pairs' timers of one event loop: each fires once its deadline has come (not before), in the
 * order of their deadlines, a stopped one never, and one moved earlier at its new deadline.
 */
class LoopTimersTest {
  /** A timer that records when it fired and asks for nothing more. */
  private static final class Recording extends PairTimer {
    final int id;
    final long deadline;
    final List<Integer> fired;
    final CountDownLatch done;
    volatile long firedAt;

    Recording(int id, long deadline, List<Integer> fired, CountDownLatch done) {
      this.id = id;
      this.deadline = deadline;
      this.fired = fired;
      this.done = done;
    }

    @Override
    long expire(long now) {
      firedAt = now;
      fired.add(id);
      done.countDown();
      return NONE;
    }
  }

  @Test
  void timersFireInTheOrderOfTheirDeadlinesAndStoppedOnesNever() throws Exception {
    EventLoop loop = new DefaultEventLoop();
    try {
      int n = 300;
      List<Integer> fired = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(n - n / 3);
      List<Recording> timers = new ArrayList<>();
      long start = System.nanoTime();
      Random random = new Random(14);
      for (int i = 0; i < n; i++) {
        // distinct deadlines 2 ms apart, in a shuffled order, from 50 ms on
        timers.add(
            new Recording(i, start + TimeUnit.MILLISECONDS.toNanos(50 + 2L * i), fired, done));
      }
      List<Recording> armed = new ArrayList<>(timers);
      Collections.shuffle(armed, random);
      loop.submit(
              () -> {
                for (Recording t : armed) {
                  // first later than its deadline, then moved to it: re-armed earlier
                  t.due(loop, t.deadline + TimeUnit.SECONDS.toNanos(5));
                  t.due(loop, t.deadline);
                }
                // every third one stopped before it is due
                for (Recording t : armed) {
                  if (t.id % 3 == 0) {
                    t.stopTimer();
                  }
                }
              })
          .sync();
      assertTrue(done.await(10, TimeUnit.SECONDS), "fired: " + fired.size());
      Thread.sleep(50);
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (i % 3 != 0) {
          expected.add(i);
        }
      }
      assertEquals(expected, fired, "in deadline order, the stopped ones left out");
      for (Recording t : timers) {
        if (t.id % 3 != 0) {
          assertTrue(t.firedAt - t.deadline >= 0, "timer " + t.id + " fired before its deadline");
        }
      }
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
