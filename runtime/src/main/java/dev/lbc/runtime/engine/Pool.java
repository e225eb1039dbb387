package dev.lbc.runtime.engine;

import dev.lbc.compiler.model.Vdir;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.runtime.pool.Balancer;
import dev.lbc.runtime.pool.Member;
import dev.lbc.runtime.pool.SourcePersistence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One pool of a service, HAProxy's backend: the service's default pool, or the pool of one virtual
 * directory ({@code vdirs:}). Every pool has the service's real servers as members of its own, with
 * its own health (the vdir's {@code healthcheck.htm}), drain or halt, connections, balancer and
 * persistence: a server whose OWA is DOWN still serves EWS.
 */
public final class Pool {
  private final String name;
  private final Vdir vdir;
  private final CheckPlan check;
  private final List<Backend> backends;
  private final Balancer balancer;
  private final SourcePersistence sticky;
  private final long serverTimeoutMs;

  Pool(
      String name,
      Vdir vdir,
      CheckPlan check,
      long serverTimeoutMs,
      List<Backend> backends,
      Balancer balancer,
      SourcePersistence sticky) {
    this.serverTimeoutMs = serverTimeoutMs;
    this.name = name;
    this.vdir = vdir;
    this.check = check;
    this.backends = List.copyOf(backends);
    this.balancer = balancer;
    this.sticky = sticky;
  }

  /** The backend's name: the service's for the default pool, else e.g. {@code MBOX-HTTPS-owa}. */
  public String name() {
    return name;
  }

  /** The virtual directory this pool serves, or null for the default pool. */
  public Vdir vdir() {
    return vdir;
  }

  public CheckPlan check() {
    return check;
  }

  /** How long a server connection of this pool may stay idle: the vdir's, else the service's. */
  public long serverTimeoutMs() {
    return serverTimeoutMs;
  }

  public List<Backend> backends() {
    return backends;
  }

  SourcePersistence sticky() {
    return sticky;
  }

  /**
   * The backend for a new connection from {@code client}, avoiding {@code tried}, with the
   * connection already counted on its member. Null if no member takes one: members at their
   * max-connections take no more.
   */
  Backend pick(String client, Set<Member> tried) {
    Set<Member> skip = tried;
    while (true) {
      List<Member> candidates = new ArrayList<>();
      for (Backend b : backends) {
        if (!skip.contains(b.member())
            && (b.maxConnections() == 0 || b.member().currentConnections() < b.maxConnections())) {
          candidates.add(b.member());
        }
      }
      Member m = sticky != null ? sticky.pick(candidates, client) : balancer.pick(candidates);
      if (m == null) {
        return null;
      }
      Backend chosen = backendOf(m);
      if (chosen.member().tryOpen(chosen.maxConnections())) {
        return chosen;
      }
      // Another event loop took its last slot in the meantime: choose among the others.
      skip = new HashSet<>(skip);
      skip.add(m);
    }
  }

  private Backend backendOf(Member m) {
    for (Backend b : backends) {
      if (b.member() == m) {
        return b;
      }
    }
    throw new IllegalStateException(m.name() + " is not in " + name);
  }
}
