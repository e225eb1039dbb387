package dev.lbc.runtime.pool;

import java.util.List;

/**
 * Chooses the member for a new connection among those that accept new connections. The algorithms
 * are the plan's: weighted round robin (smooth, as nginx and HAProxy spread it), round robin, least
 * connection and weighted least connection.
 */
public interface Balancer {
  /** The member for a new connection, or null if none accepts one. */
  Member pick(List<Member> members);

  /**
   * The balancer the plan decided: least connection or round robin, by weight or counting every
   * member alike.
   */
  static Balancer of(boolean leastConnection, boolean weighted) {
    return leastConnection ? new LeastConnection(weighted) : new SmoothWeightedRoundRobin(weighted);
  }
}
