package dev.lbc.runtime.serve;

import dev.lbc.compiler.cert.Environment;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.runtime.admin.AdminServer;
import dev.lbc.runtime.engine.AccessLog;
import dev.lbc.runtime.engine.BindMap;
import dev.lbc.runtime.engine.Engine;
import dev.lbc.runtime.engine.PlanMapping;
import dev.lbc.runtime.firewall.Firewall;
import dev.lbc.runtime.sim.SimulatedExchange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code lbc run}: serves a compiled deployment on the embedded engine or a supervised HAProxy,
 * with the status page, optional simulated servers and firewall chains, and reloads it when the
 * file changes. Everything started is stopped when the JVM exits or {@link Serving#close} runs.
 */
public final class Serve {
  private Serve() {}

  /** Which engine serves the traffic. */
  public enum EngineKind {
    EMBEDDED,
    HAPROXY
  }

  /**
   * What {@code lbc run} was asked to do, checked by the command line.
   *
   * @param file the deployment, recompiled on every reload
   * @param display how messages name {@code file}
   * @param adminUser the status API's user, or null (the API is then off)
   * @param adminPassword its password, or null
   * @param accessLog where each request or TCP session is logged ("-": standard output), or null
   */
  public record Options(
      Path file,
      String display,
      EngineKind engine,
      BindMap bindMap,
      AdminAddress admin,
      boolean simulate,
      boolean emulateLayer4,
      int maxConnections,
      boolean applyFirewall,
      String adminUser,
      String adminPassword,
      Environment environment,
      String accessLog) {
    /** These options with the access log written to {@code target} (null: none). */
    public Options withAccessLog(String target) {
      return new Options(
          file,
          display,
          engine,
          bindMap,
          admin,
          simulate,
          emulateLayer4,
          maxConnections,
          applyFirewall,
          adminUser,
          adminPassword,
          environment,
          target);
    }

    /** Options that read PFX passwords from the process's environment, without an access log. */
    public Options(
        Path file,
        String display,
        EngineKind engine,
        BindMap bindMap,
        AdminAddress admin,
        boolean simulate,
        boolean emulateLayer4,
        int maxConnections,
        boolean applyFirewall,
        String adminUser,
        String adminPassword) {
      this(
          file,
          display,
          engine,
          bindMap,
          admin,
          simulate,
          emulateLayer4,
          maxConnections,
          applyFirewall,
          adminUser,
          adminPassword,
          Environment.system(),
          null);
    }
  }

  /** Serving could not start, for a reason the user fixes (exit 2); nothing is left running. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /**
   * Starts serving {@code plan}, compiled from {@code o.file()}. Progress goes to {@code log}, one
   * line per event; a reload that does not compile goes to {@code refused} (the caller prints the
   * diagnostics its way), and the previous configuration keeps serving.
   */
  public static Serving start(
      Options o, Plan plan, Consumer<String> log, Consumer<CompileResult> refused)
      throws Refused, IOException {
    // JVM-wide: what starts serving is lbc run's process (tests in one JVM after it run without
    // the detector too, unless their JVM is given a level)
    LeakTracking.setForServer();
    BindMap map = o.bindMap();
    Reloader reloader = new Reloader(o.file(), o.display(), map, log, refused);
    AccessLog accessLog;
    try {
      accessLog = o.accessLog() == null ? AccessLog.OFF : AccessLog.open(o.accessLog());
    } catch (IOException e) {
      throw new Refused("--access-log: cannot write to " + o.accessLog() + ": " + e.getMessage());
    }
    List<SimulatedExchange> sims = new ArrayList<>();
    if (o.simulate()) {
      try {
        Simulation.simulate(plan, map, log, sims);
      } catch (Exception e) {
        accessLog.close();
        sims.forEach(SimulatedExchange::close);
        throw new Refused(
            "cannot start the simulated servers: "
                + e.getMessage()
                + " (is another lbc run still serving? map them elsewhere with --bind-map)");
      }
    }
    Served engine;
    try {
      engine =
          o.engine() == EngineKind.HAPROXY
              ? HaproxyServed.start(plan, map, o.file(), o.environment(), log, accessLog)
              : EmbeddedServed.start(
                  plan,
                  map,
                  log,
                  new Engine.Options(
                      o.file().toAbsolutePath().getParent(),
                      10_000,
                      o.emulateLayer4(),
                      o.maxConnections(),
                      o.environment(),
                      accessLog));
    } catch (Engine.BindFailure | Engine.CertificateFailure | IOException e) {
      accessLog.close();
      sims.forEach(SimulatedExchange::close);
      throw new Refused(e.getMessage());
    }
    Firewall firewall = null;
    if (o.applyFirewall()) {
      try {
        firewall = Firewall.apply(PlanMapping.map(plan, map), log);
      } catch (IOException e) {
        engine.close();
        accessLog.close();
        sims.forEach(SimulatedExchange::close);
        throw new Refused("--apply-firewall: " + e.getMessage());
      }
    }
    AdminServer adminServer;
    try {
      adminServer =
          new AdminServer(
              o.admin().host(),
              o.admin().port(),
              engine.status(),
              sims,
              o.adminUser(),
              o.adminPassword(),
              log,
              () ->
                  engine.metrics()
                      + LbcMetrics.render(
                          reloader.lastReloadOk(), reloader.lastSuccessMs(), accessLog));
    } catch (IOException e) {
      engine.close();
      accessLog.close();
      if (firewall != null) {
        firewall.remove();
      }
      sims.forEach(SimulatedExchange::close);
      throw new Refused(
          "cannot serve the status page on "
              + o.admin().url(o.admin().port())
              + ": "
              + e.getMessage()
              + "; choose another address with --admin");
    }
    Serving serving =
        new Serving(
            engine,
            adminServer,
            firewall,
            sims,
            reloader,
            accessLog,
            RestCollector.startIfShrinking());
    // Before "serving": whoever reads that line may stop lbc at once, and a stop must still
    // remove the firewall rules (a hook added during shutdown throws instead).
    Runtime.getRuntime().addShutdownHook(new Thread(serving::close));
    log.accept(
        "serving "
            + engine.serviceCount()
            + " service(s) from "
            + o.display()
            + "; status page "
            + o.admin().url(adminServer.port())
            + (adminServer.offReason() == null ? "" : " (API off: " + adminServer.offReason() + ")")
            + "; Ctrl-C stops");
    reloader.watch(serving::reload);
    return serving;
  }
}
