package dev.lbc.runtime.pool;

import java.util.List;

/**
 * The member with the fewest current connections (relative to its weight when weighted); ties go to
 * the earliest member, in pool order.
 */
public final class LeastConnection implements Balancer {
  private final boolean weighted;

  public LeastConnection(boolean weighted) {
    this.weighted = weighted;
  }

  @Override
  public Member pick(List<Member> members) {
    Member best = null;
    long bestLoad = 0;
    long bestWeight = 1;
    for (Member m : members) {
      if (!m.acceptsNew()) {
        continue;
      }
      long load = m.currentConnections();
      long w = weighted ? m.weight() : 1;
      // load / w < bestLoad / bestWeight, without division
      if (best == null || load * bestWeight < bestLoad * w) {
        best = m;
        bestLoad = load;
        bestWeight = w;
      }
    }
    return best;
  }
}
