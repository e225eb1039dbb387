package dev.lbc.runtime.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Balancing and health semantics of the run-time pool. */
class PoolProperties {

  private static List<Member> members(List<Integer> weights) {
    List<Member> out = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      out.add(new Member("M" + i, weights.get(i), 2, 3));
    }
    return out;
  }

  @Property(tries = 300)
  void weightedRoundRobinGivesEachItsExactShare(
      @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 50) Integer> weights,
      @ForAll @IntRange(min = 1, max = 4) int rounds) {
    List<Member> pool = members(weights);
    Balancer b = Balancer.of(false, true);
    int total = weights.stream().mapToInt(Integer::intValue).sum();
    Map<Member, Integer> counts = new HashMap<>();
    for (int i = 0; i < total * rounds; i++) {
      counts.merge(b.pick(pool), 1, Integer::sum);
    }
    for (int i = 0; i < pool.size(); i++) {
      assertEquals(weights.get(i) * rounds, counts.getOrDefault(pool.get(i), 0));
    }
  }

  @Test
  void weightedRoundRobinInterleaves() {
    List<Member> pool = members(List.of(5, 1, 1));
    Balancer b = Balancer.of(false, true);
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      order.append(b.pick(pool).name().charAt(1));
    }
    assertEquals("0010200", order.toString());
  }

  @Property(tries = 200)
  void unavailableMembersAreNeverChosen(
      @ForAll @Size(min = 2, max = 6) List<@IntRange(min = 0, max = 20) Integer> weights,
      @ForAll @IntRange(min = 0, max = 5) int down,
      @ForAll @IntRange(min = 0, max = 5) int drain,
      @ForAll boolean leastConnection,
      @ForAll boolean weighted) {
    List<Member> pool = members(weights);
    Member d = pool.get(down % pool.size());
    for (int i = 0; i < d.fall(); i++) {
      d.recordCheck(false, "refused");
    }
    pool.get(drain % pool.size()).setAdmin(Member.Admin.DRAIN);
    Balancer b = Balancer.of(leastConnection, weighted);
    boolean anyAvailable = pool.stream().anyMatch(Member::acceptsNew);
    for (int i = 0; i < 50; i++) {
      Member m = b.pick(pool);
      if (!anyAvailable) {
        assertNull(m);
        return;
      }
      assertTrue(m.acceptsNew(), m.name() + " was chosen while unavailable");
      m.connectionOpened();
    }
  }

  @Test
  void leastConnectionPrefersTheLeastLoaded() {
    List<Member> pool = members(List.of(1, 1, 3));
    pool.get(0).connectionOpened();
    pool.get(0).connectionOpened();
    pool.get(1).connectionOpened();
    pool.get(2).connectionOpened();
    pool.get(2).connectionOpened();
    assertSame(pool.get(1), Balancer.of(true, false).pick(pool));
    // weighted: 2/3 for M2 is below 1/1 for M1
    assertSame(pool.get(2), Balancer.of(true, true).pick(pool));
  }

  @Test
  void healthFollowsRiseAndFall() {
    Member m = new Member("MBOX2", 100, 2, 3);
    assertTrue(m.isUp());
    assertNull(m.recordCheck(false, "503"));
    assertNull(m.recordCheck(false, "503"));
    assertEquals(Boolean.FALSE, m.recordCheck(false, "503"));
    assertNull(m.recordCheck(true, "200"));
    assertNull(m.recordCheck(false, "503"), "a failure resets the rise streak");
    assertNull(m.recordCheck(true, "200"));
    assertEquals(Boolean.TRUE, m.recordCheck(true, "200"));
    assertTrue(m.acceptsNew());
  }

  @Test
  void sourcePersistenceSticksUntilExpiryOrDrain() {
    AtomicLong now = new AtomicLong();
    List<Member> pool = members(List.of(1, 1));
    SourcePersistence sticky =
        new SourcePersistence(Balancer.of(false, false), 1_000, 100, now::get);
    Member first = sticky.pick(pool, "10.0.0.1");
    assertSame(first, sticky.pick(pool, "10.0.0.1"));
    assertSame(first, sticky.pick(pool, "10.0.0.1"));
    first.setAdmin(Member.Admin.DRAIN);
    Member moved = sticky.pick(pool, "10.0.0.1");
    assertTrue(moved != first && moved.acceptsNew());
    first.setAdmin(Member.Admin.ONLINE);
    now.addAndGet(2_000);
    assertTrue(sticky.pick(pool, "10.0.0.1").acceptsNew());
  }

  @Test
  void racingThreadsNeverTakeAMemberPastItsLimit() throws Exception {
    Member m = new Member("MBOX1", 1, 2, 3);
    AtomicInteger taken = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 1000; i++) {
                  if (m.tryOpen(5)) {
                    taken.incrementAndGet();
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(5, taken.get());
    assertEquals(5, m.currentConnections());
    m.connectionClosed();
    assertTrue(m.tryOpen(5), "a slot freed is taken again");
    assertTrue(m.tryOpen(0), "0 is no limit");
  }

  @Test
  void sourcePersistenceAdoptsTheEntriesOfMembersThatStay() {
    List<Member> pool = members(List.of(1, 1));
    SourcePersistence before =
        new SourcePersistence(Balancer.of(false, false), 60_000, 100, () -> 0);
    assertSame(pool.get(0), before.pick(pool, "10.0.0.1"));
    assertSame(pool.get(1), before.pick(pool, "10.0.0.2"));
    // the reload keeps M1 and replaces M0 (its address changed) with a new member
    List<Member> after = List.of(new Member("M0", 1, 2, 3), pool.get(1));
    SourcePersistence next = new SourcePersistence(Balancer.of(false, false), 60_000, 100, () -> 0);
    next.adopt(before, after);
    assertSame(pool.get(1), next.pick(after, "10.0.0.2"), "10.0.0.2 keeps M1");
    assertSame(after.get(0), next.pick(after, "10.0.0.1"), "10.0.0.1 chooses again");
  }
}
