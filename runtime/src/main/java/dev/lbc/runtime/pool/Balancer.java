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

  /** The balancer for a plan's balance word. */
  static Balancer of(String balance) {
    return switch (balance) {
      case "round-robin" -> new SmoothWeightedRoundRobin(false);
      case "least-connection" -> new LeastConnection(false);
      case "weighted-least-connection" -> new LeastConnection(true);
      default -> new SmoothWeightedRoundRobin(true);
    };
  }
}
