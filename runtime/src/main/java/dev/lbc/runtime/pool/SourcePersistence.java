package dev.lbc.runtime.pool;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Source-IP persistence (HAProxy's "stick on src"): a client address keeps its member while that
 * member accepts new connections and the entry is younger than the expiry; otherwise the balancer
 * chooses again. The table is bounded: the oldest entries go first.
 */
public final class SourcePersistence implements Balancer {
  private final Balancer balancer;
  private final long expiryMillis;
  private final int capacity;
  private final LongSupplier clock;
  private final Map<String, Entry> table;
  private String client = "";

  private record Entry(Member member, long at) {}

  public SourcePersistence(Balancer balancer, long expiryMillis, int capacity, LongSupplier clock) {
    this.balancer = balancer;
    this.expiryMillis = expiryMillis;
    this.capacity = capacity;
    this.clock = clock;
    this.table =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > SourcePersistence.this.capacity;
          }
        };
  }

  /**
   * Takes the entries of {@code previous} (this service before a reload) whose member is still in
   * {@code pool}, with their age and order: a client keeps its server across a reload. Called
   * before this table is used.
   */
  public void adopt(SourcePersistence previous, Collection<Member> pool) {
    Set<Member> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    kept.addAll(pool);
    Map<String, Entry> entries;
    synchronized (previous) {
      entries = new LinkedHashMap<>(previous.table);
    }
    synchronized (this) {
      entries.forEach(
          (source, e) -> {
            if (kept.contains(e.member())) {
              table.put(source, e);
            }
          });
    }
  }

  /** The member for a new connection from {@code source}. */
  public synchronized Member pick(List<Member> members, String source) {
    client = source;
    return pick(members);
  }

  @Override
  public synchronized Member pick(List<Member> members) {
    long now = clock.getAsLong();
    Entry e = table.get(client);
    if (e != null
        && now - e.at() < expiryMillis
        && e.member().acceptsNew()
        && members.contains(e.member())) {
      table.put(client, new Entry(e.member(), now));
      return e.member();
    }
    Member chosen = balancer.pick(members);
    if (chosen != null) {
      table.put(client, new Entry(chosen, now));
    }
    return chosen;
  }
}
