package dev.lbc.compiler.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The files of a run staged on several threads: results in order, failures as a loop's. */
class ParallelTest {
  @ParameterizedTest
  @CsvSource({"0,4", "1,4", "7,1", "7,2", "50,4", "3,16"})
  void resultsAreInTaskOrderWhateverTheThreads(int count, int threads) {
    List<Integer> out = Parallel.map(count, threads, i -> i * i);
    assertEquals(IntStream.range(0, count).map(i -> i * i).boxed().toList(), out);
  }

  @Test
  void tasksRunOnSeveralThreadsTheCallerAmongThem() throws Exception {
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    CountDownLatch both = new CountDownLatch(2);
    Parallel.map(
        2,
        2,
        i -> {
          seen.add(Thread.currentThread());
          both.countDown();
          try {
            // each task waits for the other: only two threads at once finish them
            assertTrue(both.await(10, TimeUnit.SECONDS), "the tasks did not run side by side");
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          return i;
        });
    assertEquals(2, seen.size());
    assertTrue(seen.contains(Thread.currentThread()));
  }

  @Test
  void theFirstFailureInTaskOrderIsThrownAfterEveryTaskRan() {
    AtomicInteger ran = new AtomicInteger();
    CountDownLatch seventeenthThrown = new CountDownLatch(1);
    IllegalStateException third = new IllegalStateException("third");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                Parallel.map(
                    20,
                    4,
                    i -> {
                      ran.incrementAndGet();
                      if (i == 3) {
                        // thrown after the seventeenth, so only input order makes it the one
                        awaitQuietly(seventeenthThrown);
                        throw third;
                      }
                      if (i == 17) {
                        seventeenthThrown.countDown();
                        throw new IllegalStateException("seventeenth");
                      }
                      return i;
                    }));
    assertSame(third, thrown);
    assertEquals(20, ran.get());
  }

  @Test
  void anErrorIsThrownAsItself() {
    StackOverflowError deep = new StackOverflowError("deep");
    assertSame(
        deep,
        assertThrows(
            StackOverflowError.class,
            () ->
                Parallel.map(
                    3,
                    3,
                    i -> {
                      if (i == 1) {
                        throw deep;
                      }
                      return i;
                    })));
  }

  @Test
  void aCheckedExceptionThrownPastTheCompilerIsReportedNotLost() {
    Exception checked = new java.io.IOException("checked");
    UndeclaredThrowableException thrown =
        assertThrows(
            UndeclaredThrowableException.class,
            () ->
                Parallel.map(
                    4,
                    2,
                    i -> {
                      if (i == 2) {
                        ParallelTest.<RuntimeException>sneak(checked);
                      }
                      return i;
                    }));
    assertSame(checked, thrown.getCause());
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void sneak(Throwable t) throws E {
    throw (E) t;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS), "the other task never ran");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
