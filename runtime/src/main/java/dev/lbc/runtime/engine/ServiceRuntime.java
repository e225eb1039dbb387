package dev.lbc.runtime.engine;

import dev.lbc.compiler.model.Persistence;
import dev.lbc.compiler.model.Vdir;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.plan.Plan.VdirPlan;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.SourceRange;
import dev.lbc.runtime.pool.Balancer;
import dev.lbc.runtime.pool.Member;
import dev.lbc.runtime.pool.SourcePersistence;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One running service: its pool, its balancer, its source allow-list and what went wrong on its
 * connections.
 *
 * <p>Built from the previous runtime of the same service on a reload: a member the new plan keeps
 * (same server, address and port) is the same {@link Member}, so its open connections still count
 * against its max-connections, and the operator's drain, its health and its persistent clients
 * stay. Nothing of the running service changes until {@link #takeOver} (the reload is certain).
 */
public final class ServiceRuntime {
  private final ServicePlan plan;
  private final Pool defaultPool;
  private final List<Pool> vdirPools;
  // The vdirs of vdirPools, in their order: routing is a loop of regionMatches over a few
  // strings, with no allocation per request.
  private final List<Vdir> vdirs;
  private ServiceRuntime previous; // until takeOver: a runtime must not hold every one before it
  private final List<SourceRange> allow = new ArrayList<>();
  private final long clientTimeoutMs;
  private final Counters counters;
  private final ErrorLog errors;
  private final AccessLog accessLog;

  /** What a service counts; carried across reloads. */
  private static final class Counters {
    final AtomicInteger currentSessions = new AtomicInteger();
    final AtomicLong sessions = new AtomicLong();
    // HAProxy's classes: 1xx, 2xx, 3xx, 4xx, 5xx, other
    final AtomicLongArray responses = new AtomicLongArray(6);
    final AtomicLong refused = new AtomicLong();
    final AtomicLong noServer = new AtomicLong();
    final AtomicLong overLimit = new AtomicLong();
    final AtomicLong clientErrors = new AtomicLong();
    final AtomicLong connectErrors = new AtomicLong();
    final AtomicLong serverErrors = new AtomicLong();
  }

  /**
   * What makes a member the same one across a reload: its pool (the default one, or a vdir's), its
   * server, address and port.
   */
  private record MemberKey(Vdir vdir, String server, String host, Integer port) {
    MemberKey {
      server = server.toLowerCase(Locale.ROOT); // server names are Windows host names
    }

    static MemberKey of(Pool p, Backend b) {
      return new MemberKey(p.vdir(), b.member().name(), b.host(), b.port());
    }
  }

  ServiceRuntime(
      ServicePlan plan,
      BindMap map,
      ServiceRuntime previous,
      ErrorLog errors,
      AccessLog accessLog) {
    this.plan = plan;
    this.previous = previous;
    this.errors = errors;
    this.accessLog = accessLog;
    Map<MemberKey, Member> before = new HashMap<>();
    if (previous != null) {
      for (Pool p : previous.pools()) {
        p.backends().forEach(b -> before.put(MemberKey.of(p, b), b.member()));
      }
    }
    this.defaultPool = pool(plan.name(), null, plan.check(), plan.serverTimeoutMs(), map, before);
    List<Pool> vdirs = new ArrayList<>();
    long client = plan.clientTimeoutMs();
    for (VdirPlan v : plan.vdirs()) {
      vdirs.add(pool(v.backendName(), v.vdir(), v.check(), v.serverTimeoutMs(), map, before));
      client = Math.max(client, v.clientTimeoutMs());
    }
    this.clientTimeoutMs = client;
    this.vdirPools = List.copyOf(vdirs);
    this.vdirs = vdirPools.stream().map(Pool::vdir).toList();
    this.counters = previous != null ? previous.counters : new Counters();
    for (SourceRange src : plan.allow()) {
      allow.add(map.map(src));
    }
  }

  private Pool pool(
      String name,
      Vdir vdir,
      CheckPlan check,
      long serverTimeoutMs,
      BindMap map,
      Map<MemberKey, Member> before) {
    List<Backend> list = new ArrayList<>();
    for (var m : plan.members()) {
      String host = map.map(m.address().text());
      // remove: a server listed twice gets two members, never one shared
      Member kept = before.remove(new MemberKey(vdir, m.server(), host, m.port()));
      Member member =
          kept != null ? kept : new Member(m.server(), m.weight(), check.rise(), check.fall());
      list.add(new Backend(member, host, m.port(), m.maxConnections()));
    }
    Balancer base = Balancer.of(plan.leastConnection(), plan.weighted());
    SourcePersistence sticky =
        plan.persistence() == Persistence.NONE
            ? null
            : new SourcePersistence(
                base, plan.clientTimeoutMs(), 1_000_000, System::currentTimeMillis);
    return new Pool(name, vdir, check, serverTimeoutMs, list, base, sticky);
  }

  /**
   * How long a client connection may stay idle: the longest of the service's and its vdirs' client
   * timeouts, as the compiled haproxy.cfg's frontend. A connection carries requests for any vdir,
   * and cutting it at a shorter one would cut ActiveSync's and MAPI's long-polls.
   */
  long clientTimeoutMs() {
    return clientTimeoutMs;
  }

  /** The default pool first, then one per vdir in the plan's order. */
  public List<Pool> pools() {
    List<Pool> all = new ArrayList<>(vdirPools.size() + 1);
    all.add(defaultPool);
    all.addAll(vdirPools);
    return all;
  }

  /** The pools of the service's vdirs, in the plan's order; empty without {@code vdirs:}. */
  public List<Pool> vdirPools() {
    return vdirPools;
  }

  /** The pool that serves a request for {@code target} (its request-target, as sent). */
  Pool route(String target) {
    int i = routeIndex(target, vdirs);
    return i < 0 ? defaultPool : vdirPools.get(i);
  }

  /**
   * The index of the vdir whose path {@code target} falls under ({@link Vdir#matches}:
   * case-insensitively, at a segment boundary), or -1. An absolute-form target ({@code
   * http://host/owa/}) is matched on its path.
   */
  static int routeIndex(String target, List<Vdir> vdirs) {
    if (vdirs.isEmpty()) {
      return -1;
    }
    String path = target;
    if (!target.startsWith("/")) {
      int scheme = target.indexOf("://");
      int start = scheme < 0 ? -1 : target.indexOf('/', scheme + 3);
      if (start < 0) {
        return -1; // "*" (OPTIONS), an authority (CONNECT) or no path: nothing to route on
      }
      path = target.substring(start); // rare: clients send the origin form to a gateway
    }
    for (int i = 0; i < vdirs.size(); i++) {
      if (vdirs.get(i).matches(path)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The reload is certain: members kept from the previous runtime take this plan's weight, rise and
   * fall, and the persistence table carries over. Returns what the operator should hear about the
   * members that did not stay.
   */
  List<String> takeOver() {
    for (Pool p : pools()) {
      for (int i = 0; i < p.backends().size(); i++) {
        Member m = p.backends().get(i).member();
        var mp = plan.members().get(i);
        m.reconfigure(mp.weight(), p.check().rise(), p.check().fall());
      }
    }
    ServiceRuntime before = previous;
    previous = null;
    if (before == null) {
      return List.of();
    }
    for (Pool p : pools()) {
      Pool old = before.pools().stream().filter(o -> o.vdir() == p.vdir()).findFirst().orElse(null);
      if (p.sticky() != null && old != null && old.sticky() != null) {
        p.sticky().adopt(old.sticky(), p.backends().stream().map(Backend::member).toList());
      }
    }
    return departures(before, this);
  }

  /**
   * The members of {@code before} that {@code after} does not keep, for the log: one that moved
   * (its address or port changed) starts afresh, so a drain or halt set on it is lost; one that
   * left finishes its open connections and takes no new ones. Nothing is said of those that had
   * neither.
   */
  static List<String> departures(ServiceRuntime before, ServiceRuntime after) {
    Set<Member> kept = new HashSet<>();
    if (after != null) {
      after.pools().forEach(p -> p.backends().forEach(b -> kept.add(b.member())));
    }
    List<String> lines = new ArrayList<>();
    for (Pool pool : before.pools()) {
      Pool next =
          after == null
              ? null
              : after.pools().stream()
                  .filter(p -> p.vdir() == pool.vdir())
                  .findFirst()
                  .orElse(null);
      for (Backend old : pool.backends()) {
        Member m = old.member();
        if (kept.contains(m)) {
          continue;
        }
        int open = m.currentConnections();
        String where = pool.name() + "/" + m.name();
        Backend moved =
            next == null
                ? null
                : next.backends().stream()
                    .filter(b -> b.member().name().equalsIgnoreCase(m.name()))
                    .findFirst()
                    .orElse(null);
        if (moved != null && (m.admin() != Member.Admin.ONLINE || open > 0)) {
          String line =
              where
                  + " moved from "
                  + old.endpoint()
                  + " to "
                  + moved.endpoint()
                  + ": a new member, online";
          if (m.admin() != Member.Admin.ONLINE) {
            line +=
                "; the "
                    + m.admin().name().toLowerCase(Locale.ROOT)
                    + " set before the reload is not carried over";
          }
          if (open > 0) {
            line += "; its " + open + " open connection(s) to " + old.endpoint() + " finish";
          }
          lines.add(line);
        } else if (moved == null && open > 0) {
          lines.add(
              where
                  + " left the pool: its "
                  + open
                  + " open connection(s) finish, it takes no new");
        }
      }
    }
    return lines;
  }

  public ServicePlan plan() {
    return plan;
  }

  /** The members of the default pool (the only one without {@code vdirs:}). */
  public List<Backend> backends() {
    return defaultPool.backends();
  }

  /** Where a request or TCP session is logged when it ends ({@link AccessLog#OFF} if nowhere). */
  AccessLog accessLog() {
    return accessLog;
  }

  /** A client connection the lockdown admitted: a session of HAProxy's frontend. */
  void sessionOpened() {
    counters.sessions.incrementAndGet();
    counters.currentSessions.incrementAndGet();
  }

  void sessionClosed() {
    counters.currentSessions.decrementAndGet();
  }

  /** Client sessions open now. */
  public int currentSessions() {
    return counters.currentSessions.get();
  }

  /** Client sessions since the service started (across reloads). */
  public long sessions() {
    return counters.sessions.get();
  }

  /** Counts a response sent to a client, the server's or lbc's own (400, 301, 503). */
  void responded(int status) {
    counters.responses.incrementAndGet(statusClass(status));
  }

  /** HAProxy's response class of a status: 0 for 1xx ... 4 for 5xx, 5 for anything else. */
  static int statusClass(int status) {
    return status >= 100 && status < 600 ? status / 100 - 1 : 5;
  }

  /** Responses of class {@code index} (see {@link #statusClass}) sent to clients. */
  public long responses(int index) {
    return counters.responses.get(index);
  }

  /** Connections refused by the lockdown. */
  public long refused() {
    return counters.refused.get();
  }

  /**
   * Connections (in HTTP mode: requests answered 503) that no member took: none UP, online, with a
   * weight and below its max-connections, or every connect tried failed.
   */
  public long refusedNoServer() {
    return counters.noServer.get();
  }

  /** Connections closed at accept because the engine was at {@code --max-connections}. */
  public long refusedOverLimit() {
    return counters.overLimit.get();
  }

  void noServer() {
    counters.noServer.incrementAndGet();
  }

  void overLimit() {
    counters.overLimit.incrementAndGet();
  }

  /** Errors on client connections: resets, failed TLS handshakes, failed writes. */
  public long clientErrors() {
    return counters.clientErrors.get();
  }

  /** Connects to members that failed (each retried on another member while one is left). */
  public long connectErrors() {
    return counters.connectErrors.get();
  }

  /** Errors on established connections to members: resets, failed writes. */
  public long serverErrors() {
    return counters.serverErrors.get();
  }

  /**
   * A failure the network explains: a reset, a broken pipe, a client that speaks no TLS on a TLS
   * port (SslHandler reports it as a DecoderException). Anything else is a bug in lbc.
   */
  static boolean ordinary(Throwable cause) {
    return cause instanceof IOException || cause instanceof DecoderException;
  }

  /** Counts and logs an error on a client connection; true if it was logged now, in full. */
  boolean clientError(Throwable cause, InetAddress client) {
    counters.clientErrors.incrementAndGet();
    return errors.record(
        plan.name(),
        ordinary(cause) ? "client connection error" : "unexpected client connection failure",
        ErrorLog.reason(cause)
            + (client == null ? "" : " (client " + client.getHostAddress() + ")"));
  }

  void connectError(Backend b, Throwable cause) {
    counters.connectErrors.incrementAndGet();
    b.member().connectFailed();
    errors.record(
        plan.name() + "/" + b.member().name(),
        "failed connect",
        ErrorLog.reason(cause) + " (" + b.endpoint() + ")");
  }

  void serverError(Member m, Throwable cause) {
    counters.serverErrors.incrementAndGet();
    m.serverError();
    errors.record(plan.name() + "/" + m.name(), "server connection error", ErrorLog.reason(cause));
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
    counters.refused.incrementAndGet();
    return false;
  }

  /**
   * The backend of the default pool for a new connection from {@code client}, avoiding {@code
   * tried}, with the connection already counted on its member (the caller calls {@link
   * Member#connectionClosed} when it ends or its connect fails). Null if no member takes one.
   */
  Backend pick(String client, Set<Member> tried) {
    return defaultPool.pick(client, tried);
  }
}
