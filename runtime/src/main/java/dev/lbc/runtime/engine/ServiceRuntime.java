package dev.lbc.runtime.engine;

import dev.lbc.compiler.model.Persistence;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.SourceRange;
import dev.lbc.runtime.pool.Balancer;
import dev.lbc.runtime.pool.Member;
import dev.lbc.runtime.pool.SourcePersistence;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** One running service: its pool, its balancer and its source allow-list. */
public final class ServiceRuntime {
  private final ServicePlan plan;
  private final List<Backend> backends;
  private final Balancer balancer;
  private final SourcePersistence sticky;
  private final List<SourceRange> allow = new ArrayList<>();
  private final AtomicLong refused = new AtomicLong();

  ServiceRuntime(ServicePlan plan, BindMap map) {
    this.plan = plan;
    List<Backend> list = new ArrayList<>();
    for (var m : plan.members()) {
      list.add(
          new Backend(
              new Member(m.server(), m.weight(), plan.check().rise(), plan.check().fall()),
              map.map(m.address().text()),
              m.port(),
              m.maxConnections()));
    }
    this.backends = List.copyOf(list);
    Balancer base = Balancer.of(plan.leastConnection(), plan.weighted());
    this.sticky =
        plan.persistence() == Persistence.NONE
            ? null
            : new SourcePersistence(
                base, plan.clientTimeoutMs(), 1_000_000, System::currentTimeMillis);
    this.balancer = base;
    for (SourceRange src : plan.allow()) {
      allow.add(map.map(src));
    }
  }

  public ServicePlan plan() {
    return plan;
  }

  public List<Backend> backends() {
    return backends;
  }

  public long refused() {
    return refused.get();
  }

  /** True if the lockdown (if any) admits {@code source}. */
  boolean allows(InetAddress source) {
    if (allow.isEmpty()) {
      return true;
    }
    IpAddress ip = IpAddress.parse(source.getHostAddress().replaceAll("%.*$", "")).get();
    for (SourceRange r : allow) {
      if (r.first().version() == ip.version()
          && r.first().compareTo(ip) <= 0
          && ip.compareTo(r.last()) <= 0) {
        return true;
      }
    }
    refused.incrementAndGet();
    return false;
  }

  /** The backend for a new connection from {@code client}, avoiding {@code tried}. */
  Backend pick(String client, Set<Member> tried) {
    // Members at their max-connections take no more; with none left the connection is refused.
    List<Member> candidates = new ArrayList<>();
    for (Backend b : backends) {
      if (!tried.contains(b.member())
          && (b.maxConnections() == 0 || b.member().currentConnections() < b.maxConnections())) {
        candidates.add(b.member());
      }
    }
    Member m = sticky != null ? sticky.pick(candidates, client) : balancer.pick(candidates);
    if (m == null) {
      return null;
    }
    for (Backend b : backends) {
      if (b.member() == m) {
        return b;
      }
    }
    return null;
  }
}
