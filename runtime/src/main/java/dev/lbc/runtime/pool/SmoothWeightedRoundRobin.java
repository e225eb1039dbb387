package dev.lbc.runtime.pool;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Smooth weighted round robin: each pick adds every available member's weight to its running score,
 * takes the highest, and subtracts the total from it. Over any window of total-weight picks each
 * member is chosen exactly its weight's share, interleaved rather than in bursts (weights 5, 1, 1
 * give a a b a c a a). Unavailable members are skipped without disturbing the others' shares. With
 * {@code weighted} false every weight counts as 1.
 */
public final class SmoothWeightedRoundRobin implements Balancer {
  private final boolean weighted;
  private final Map<Member, Long> scores = new IdentityHashMap<>();

  public SmoothWeightedRoundRobin(boolean weighted) {
    this.weighted = weighted;
  }

  @Override
  public synchronized Member pick(List<Member> members) {
    Member best = null;
    long bestScore = Long.MIN_VALUE;
    long total = 0;
    for (Member m : members) {
      if (!m.acceptsNew()) {
        continue;
      }
      long w = weighted ? m.weight() : 1;
      long score = scores.getOrDefault(m, 0L) + w;
      scores.put(m, score);
      total += w;
      if (score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    if (best != null) {
      scores.put(best, bestScore - total);
    }
    return best;
  }
}
