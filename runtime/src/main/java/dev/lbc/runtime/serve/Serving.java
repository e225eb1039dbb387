package dev.lbc.runtime.serve;

import dev.lbc.runtime.admin.AdminServer;
import dev.lbc.runtime.admin.StatusProvider;
import dev.lbc.runtime.engine.AccessLog;
import dev.lbc.runtime.firewall.Firewall;
import dev.lbc.runtime.sim.SimulatedExchange;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** A running {@code lbc run}, from {@link Serve#start}: reload it, wait for it, stop it. */
public final class Serving implements AutoCloseable {
  private final Served engine;
  private final AdminServer adminServer;
  private final Firewall firewall;
  private final List<SimulatedExchange> sims;
  private final Reloader reloader;
  private final AccessLog accessLog;
  private final RestCollector restCollector;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();

  Serving(
      Served engine,
      AdminServer adminServer,
      Firewall firewall,
      List<SimulatedExchange> sims,
      Reloader reloader,
      AccessLog accessLog,
      RestCollector restCollector) {
    this.engine = engine;
    this.adminServer = adminServer;
    this.firewall = firewall;
    this.sims = List.copyOf(sims);
    this.reloader = reloader;
    this.accessLog = accessLog;
    this.restCollector = restCollector;
  }

  public int serviceCount() {
    return engine.serviceCount();
  }

  /** What the status page shows. */
  public StatusProvider status() {
    return engine.status();
  }

  /** The status page's port, as bound. */
  public int adminPort() {
    return adminServer.port();
  }

  /** Recompiles the file now and serves it if it is valid and changed (see {@link Reloader}). */
  public void reload() {
    // the watcher may queue a reload that runs after close: it must not bind the VIPs again
    if (!closed.get()) {
      reloader.reload(engine);
    }
  }

  /** {@link #reload} on the reload thread, behind any reload under way: for signal handlers. */
  public void reloadLater() {
    Reloader.later(this::reload);
  }

  /** Blocks until {@link #close} has run (on exit, from the shutdown hook). */
  public void await() throws InterruptedException {
    stop.await();
  }

  /** Stops the status page, the engine, the firewall chains and the simulated servers, once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (restCollector != null) {
      restCollector.close();
    }
    adminServer.close();
    engine.close();
    if (firewall != null) {
      firewall.remove();
    }
    sims.forEach(SimulatedExchange::close);
    accessLog.close();
    stop.countDown();
  }
}
