package dev.lbc.runtime.engine;

import dev.lbc.compiler.cert.CertificateInfo;
import dev.lbc.compiler.cert.CertificateReader;
import dev.lbc.compiler.cert.Environment;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.value.IpAddress;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * The embedded engine: serves a plan's layer 7 services in-process on Netty (TCP mode and HTTP
 * mode), with the pool, health checks and lockdown. Layer 4 services need the kernel's IPVS: they
 * are named plainly in the log and not served.
 *
 * <p>{@link #reload} swaps in a new plan without dropping a connection: listeners that stay are
 * kept (new connections see the new service through an atomic reference, established ones keep the
 * service they started with), new VIP:ports are bound before anything changes, removed ones stop
 * accepting. A member the reload keeps (same service, server, address and port) keeps its live
 * state: open connections (still counted against its max-connections), the operator's drain or
 * halt, health with its rise/fall counters, and its persistent clients; the new weight applies. A
 * member the reload removes finishes its open connections and takes no new ones.
 *
 * <p>Connection errors are counted per service and member ({@link ServiceRuntime}, {@link
 * dev.lbc.runtime.pool.Member}) and logged through an {@link ErrorLog}: the first of each kind at
 * once, then a summary every {@value ErrorLog#WINDOW_SECONDS} seconds.
 */
public final class Engine implements AutoCloseable {
  private final EventLoopGroup boss = Transport.group(1);
  private final EventLoopGroup workers =
      Transport.group(Runtime.getRuntime().availableProcessors());
  private final BindMap map;
  private final Consumer<String> log;
  private final Options options;
  private final Map<ListenerKey, Listener> listeners = new LinkedHashMap<>();
  private final List<ScheduledFuture<?>> healthTasks = new ArrayList<>();
  private volatile Map<String, ServiceRuntime> services = Map.of();
  private volatile List<ServicePlan> unserved = List.of();
  private final ErrorLog errors;
  // the TLS handshakes' work, off the event loops (Handshakes)
  private final Handshakes handshakes;

  /**
   * How the engine runs: where certificate paths are relative to (the deployment's folder), where
   * PFX passwords are read from, and how long a client may take to send a request head in HTTP
   * mode.
   */
  public record Options(
      Path baseDir,
      long headerTimeoutMs,
      boolean emulateLayer4,
      int maxConnections,
      Environment environment,
      AccessLog accessLog) {
    public static final Options DEFAULT = new Options(Path.of("."), 10_000, false, 20_000);

    public Options(
        Path baseDir,
        long headerTimeoutMs,
        boolean emulateLayer4,
        int maxConnections,
        Environment environment) {
      this(baseDir, headerTimeoutMs, emulateLayer4, maxConnections, environment, AccessLog.OFF);
    }

    /** These options with requests logged to {@code log}. */
    public Options withAccessLog(AccessLog log) {
      return new Options(baseDir, headerTimeoutMs, emulateLayer4, maxConnections, environment, log);
    }

    /** Options that read PFX passwords from the process's environment. */
    public Options(Path baseDir, long headerTimeoutMs, boolean emulateLayer4, int maxConnections) {
      this(baseDir, headerTimeoutMs, emulateLayer4, maxConnections, Environment.system());
    }

    public Options(Path baseDir, long headerTimeoutMs) {
      this(baseDir, headerTimeoutMs, false, 20_000);
    }
  }

  private final java.util.concurrent.atomic.AtomicInteger open =
      new java.util.concurrent.atomic.AtomicInteger();
  // One listener for every connection's end, not a lambda per connection.
  private final ChannelFutureListener connectionEnded = f -> open.decrementAndGet();
  private final java.util.concurrent.atomic.AtomicLong refusedAtLimit =
      new java.util.concurrent.atomic.AtomicLong();

  /** Connections refused because the engine-wide limit was reached. */
  public long refusedAtLimit() {
    return refusedAtLimit.get();
  }

  /** TLS handshakes whose next step waits for a handshake thread now (ADR 0028). */
  public long handshakesWaiting() {
    return handshakes.waiting();
  }

  /** TLS handshakes dropped from the handshake queue: their client's connection had closed. */
  public long handshakesAbandoned() {
    return handshakes.abandoned();
  }

  /** A VIP:port that could not be bound. */
  public static final class BindFailure extends Exception {
    private static final long serialVersionUID = 1L;

    BindFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A certificate of the deployment that cannot be loaded (missing, or not PEM). */
  public static final class CertificateFailure extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    CertificateFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * What a listening socket serves, swapped atomically on reload: its service and, in HTTP mode,
   * what its connections share (null in TCP mode).
   */
  private record Handling(ServiceRuntime runtime, HttpProxy.Listening http) {}

  private record Listener(Channel channel, AtomicReference<Handling> handling) {}

  /** Set by close, under the lock that reload holds too. */
  private boolean closed;

  private Engine(BindMap map, Consumer<String> log, Options options, Handshakes handshakes) {
    this.map = map;
    this.log = log;
    this.options = options;
    this.handshakes = handshakes;
    this.errors = new ErrorLog(log);
    workers.scheduleAtFixedRate(
        errors::flush, ErrorLog.WINDOW_SECONDS, ErrorLog.WINDOW_SECONDS, TimeUnit.SECONDS);
  }

  /** Starts every service this engine can run; on a bind failure stops and says how to fix it. */
  public static Engine start(Plan plan, BindMap map, Consumer<String> log) throws BindFailure {
    return start(plan, map, log, Options.DEFAULT);
  }

  /** Starts every service this engine can run, with these options. */
  public static Engine start(Plan plan, BindMap map, Consumer<String> log, Options options)
      throws BindFailure {
    return start(
        plan, map, log, options, Handshakes.onThreads(Runtime.getRuntime().availableProcessors()));
  }

  /** Starts with the TLS handshakes' work done on {@code handshakes}, which it then owns. */
  static Engine start(
      Plan plan, BindMap map, Consumer<String> log, Options options, Handshakes handshakes)
      throws BindFailure {
    Engine e = new Engine(map, log, options, handshakes);
    try {
      e.reload(plan);
      return e;
    } catch (BindFailure | RuntimeException ex) {
      e.close();
      throw ex;
    }
  }

  /**
   * Serves {@code plan} from now on. If a new VIP:port cannot be bound nothing changes and the
   * failure is thrown; established connections are never dropped.
   */
  public synchronized void reload(Plan plan) throws BindFailure {
    if (closed) {
      return; // a reload that arrives after close binds nothing
    }
    Map<String, ServiceRuntime> next = new LinkedHashMap<>();
    Map<ListenerKey, Handling> wanted = new LinkedHashMap<>();
    List<ServicePlan> notRun = new ArrayList<>();
    for (ServicePlan s : plan.services()) {
      if (s.layer() == 4 && !options.emulateLayer4()) {
        notRun.add(s);
        log.accept(
            s.name()
                + ": layer 4 "
                + s.mode().word().toUpperCase(Locale.ROOT)
                + " needs the kernel's IPVS (keepalived on an appliance); not served by the"
                + " embedded engine (--emulate-l4 runs it as a TCP proxy for lab tests)");
        continue;
      }
      if (s.layer() == 4) {
        log.accept(
            s.name()
                + ": layer 4 "
                + s.mode().word().toUpperCase(Locale.ROOT)
                + " emulated as a TCP proxy: NOT transparent, servers see the engine's address,"
                + " and the DR/NAT server setup is not exercised");
      }
      ServiceRuntime runtime =
          new ServiceRuntime(s, map, services.get(s.name()), errors, options.accessLog());
      next.put(s.name(), runtime);
      SslContext offload = s.certificate() == null ? null : serverTls(plan, s.certificate());
      SslContext toServers = s.reencrypt() ? clientTls() : null;
      for (int port : s.ports()) {
        wanted.put(
            new ListenerKey(map.map(s.vip()), port),
            new Handling(
                runtime,
                s.http()
                    ? new HttpProxy.Listening(
                        runtime,
                        port,
                        options.headerTimeoutMs(),
                        s.terminatesTls(port) ? offload : null,
                        handshakes,
                        toServers,
                        plan.requestBuffer())
                    : null));
      }
    }
    Map<ListenerKey, Listener> bound = new LinkedHashMap<>();
    try {
      for (var e : wanted.entrySet()) {
        if (!listeners.containsKey(e.getKey())) {
          bound.put(e.getKey(), bind(e.getKey(), e.getValue()));
        }
      }
    } catch (BindFailure ex) {
      bound.values().forEach(l -> l.channel().close());
      throw ex;
    }
    // From here on the reload happens: the kept members take the new plan.
    for (ServiceRuntime r : next.values()) {
      r.takeOver().forEach(log);
    }
    for (var old : services.entrySet()) {
      if (!next.containsKey(old.getKey())) {
        ServiceRuntime.departures(old.getValue(), null).forEach(log);
      }
    }
    for (var e : wanted.entrySet()) {
      Listener existing = listeners.get(e.getKey());
      if (existing != null) {
        existing.handling().set(e.getValue());
      }
    }
    for (var it = listeners.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!wanted.containsKey(e.getKey())) {
        e.getValue().channel().close();
        log.accept("stopped listening on " + e.getKey());
        it.remove();
      }
    }
    listeners.putAll(bound);
    bound
        .keySet()
        .forEach(k -> log.accept(wanted.get(k).runtime().plan().name() + ": listening on " + k));
    healthTasks.forEach(t -> t.cancel(false));
    healthTasks.clear();
    HealthChecker checker = new HealthChecker(workers, log, errors);
    for (ServiceRuntime r : next.values()) {
      ServicePlan s = r.plan();
      int count = r.pools().size() * s.members().size();
      int position = 0;
      for (Pool pool : r.pools()) {
        for (int i = 0; i < s.members().size(); i++, position++) {
          // One check per member and pool, on the port the plan decided for the first VIP port: a
          // layer 7 service checks each member once for all its ports, as HAProxy does; a vdir
          // pool checks its own healthcheck.htm, so one protocol fails alone.
          ScheduledFuture<?> task =
              checker.watch(
                  pool.name(),
                  pool.backends().get(i),
                  pool.check(),
                  s.checkPort(s.members().get(i), s.ports().get(0)),
                  position,
                  count);
          if (task != null) {
            healthTasks.add(task);
          }
        }
      }
    }
    services = next;
    unserved = List.copyOf(notRun);
  }

  /**
   * A VIP:port of the running configuration: the service it serves, where it is bound (the
   * deployment's VIP through the bind map) and whether its socket is still open.
   */
  public record ListenerState(ServicePlan service, String address, int port, boolean listening) {}

  /** Every listening socket, in the order bound. */
  public synchronized List<ListenerState> listenerStates() {
    List<ListenerState> states = new ArrayList<>();
    listeners.forEach(
        (key, l) ->
            states.add(
                new ListenerState(
                    l.handling().get().runtime().plan(),
                    key.address().text(),
                    key.port(),
                    l.channel().isActive())));
    return states;
  }

  /** The services of the plan this engine does not run (layer 4 without --emulate-l4). */
  public List<ServicePlan> unserved() {
    return unserved;
  }

  /** Where the engine binds {@code vip}: itself, or its --bind-map address. */
  public String boundAddress(IpAddress vip) {
    return map.map(vip).text();
  }

  private Listener bind(ListenerKey key, Handling handling) throws BindFailure {
    int port = key.port();
    AtomicReference<Handling> ref = new AtomicReference<>(handling);
    try {
      Channel ch =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(Transport.serverChannel(boss))
              // HAProxy's default (a frontend's backlog is its maxconn), up to the kernel's
              // somaxconn: after a failover every Outlook client reconnects at once, and a
              // SYN the full queue drops is retried by the client only 1 s, then 3 s, later
              .option(ChannelOption.SO_BACKLOG, options.maxConnections())
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.RCVBUF_ALLOCATOR, Transport.RECEIVE)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      if (open.incrementAndGet() > options.maxConnections()) {
                        // Refused at once: the excess costs a socket for a moment, no buffers.
                        open.decrementAndGet();
                        refusedAtLimit.incrementAndGet();
                        ref.get().runtime().overLimit();
                        ch.close();
                        return;
                      }
                      ch.closeFuture().addListener(connectionEnded);
                      Handling h = ref.get();
                      if (h.http() != null) {
                        HttpProxy.configure(ch, h.http());
                      } else {
                        TcpProxy.configure(ch, h.runtime(), port);
                      }
                    }
                  })
              .bind(key.address().text(), port)
              .sync()
              .channel();
      return new Listener(ch, ref);
    } catch (Exception ex) {
      if (ex instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // Any I/O failure of a bind is the address's: NIO throws BindException, the native
      // transport an IOException naming the system call ("bind(..) failed: Address already in
      // use"), and either may come wrapped.
      Throwable io = ex instanceof IOException ? ex : ex.getCause();
      if (io instanceof IOException) {
        String vip = handling.runtime().plan().vip().text();
        boolean inUse = String.valueOf(io.getMessage()).contains("in use");
        throw new BindFailure(
            "cannot listen on "
                + key
                + " for "
                + handling.runtime().plan().name()
                + " ("
                + ErrorLog.reason(io)
                + "); "
                + (inUse
                    ? "another process listens there: stop it, or map the VIP elsewhere with"
                        + " --bind-map "
                        + vip
                        + "=127.0.0.11"
                    : "on a lab machine map the VIP to a local address, e.g. --bind-map "
                        + vip
                        + "=127.0.0.10"),
            ex);
      }
      throw new IllegalStateException(ex);
    }
  }

  /**
   * ALPN towards clients and servers alike: HTTP/1.1, never h2. NTLM and Negotiate authenticate a
   * connection, and HTTP/2 would carry many requests (through a proxy, many clients') over one. A
   * peer that offers only h2 gets a handshake without ALPN, and HTTP/1.1 from the proxy.
   */
  static final ApplicationProtocolConfig HTTP_1_1_ONLY =
      new ApplicationProtocolConfig(
          ApplicationProtocolConfig.Protocol.ALPN,
          ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
          ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
          ApplicationProtocolNames.HTTP_1_1);

  /**
   * The TLS context of offloaded certificate {@code certificate}: its file, PEM or PKCS#12, read by
   * the one reader the lint and the build use, so that the engine serves what was checked.
   */
  private SslContext serverTls(Plan plan, String certificate) {
    Plan.CertificatePlan c =
        plan.certificates().stream()
            .filter(p -> p.name().equalsIgnoreCase(certificate))
            .findFirst()
            .orElseThrow();
    try {
      CertificateInfo info =
          CertificateReader.forServing(options.baseDir(), c.source(), options.environment());
      return SslContextBuilder.forServer(
              info.privateKey(), info.chain().toArray(new X509Certificate[0]))
          .sslProvider(Transport.tlsProvider())
          .applicationProtocolConfig(HTTP_1_1_ONLY)
          .build();
    } catch (CertificateReader.Unusable e) {
      throw new CertificateFailure(
          "certificate " + certificate + " cannot be loaded: " + e.getMessage(), e);
    } catch (SSLException | IllegalArgumentException e) {
      throw new CertificateFailure(
          "certificate " + certificate + " cannot be loaded: " + e.getMessage(), e);
    }
  }

  /** Re-encryption to the servers does not verify them, as HAProxy's "ssl verify none". */
  private static SslContext clientTls() {
    try {
      return SslContextBuilder.forClient()
          .trustManager(InsecureTrustManagerFactory.INSTANCE)
          .sslProvider(Transport.tlsProvider())
          .applicationProtocolConfig(HTTP_1_1_ONLY)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What the engine's sockets and TLS run on: "epoll" or "nio", then "openssl" or "jdk" (for the
   * status of a run and for the test that the fast path is taken where it exists).
   */
  public String transport() {
    return (workers instanceof io.netty.channel.epoll.EpollEventLoopGroup ? "epoll" : "nio")
        + " "
        + Transport.tlsProvider().name().toLowerCase(Locale.ROOT);
  }

  /** The services being served, by name. */
  public Map<String, ServiceRuntime> services() {
    return services;
  }

  @Override
  public synchronized void close() {
    closed = true;
    errors.flush();
    // when close returns, the VIPs no longer accept: a caller may bind them again at once
    listeners.values().forEach(l -> l.channel().close().awaitUninterruptibly(2, TimeUnit.SECONDS));
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    // After the loops: a handshake step still running then resumes on a loop that is still there
    // (it closes its connection), never on one that would reject it.
    workers.terminationFuture().addListener(f -> handshakes.close());
  }
}
