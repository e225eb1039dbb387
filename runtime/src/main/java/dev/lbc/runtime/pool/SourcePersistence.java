package dev.lbc.runtime.pool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
