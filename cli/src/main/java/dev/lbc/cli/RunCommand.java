package dev.lbc.cli;

import dev.lbc.compiler.output.SecretFiles;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.ServerPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.spi.Rules;
import dev.lbc.runtime.admin.AdminServer;
import dev.lbc.runtime.engine.BindMap;
import dev.lbc.runtime.engine.Engine;
import dev.lbc.runtime.firewall.Firewall;
import dev.lbc.runtime.sim.SimulatedExchange;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lbc run FILE}: compile, then serve the deployment on the embedded engine until
 * interrupted, reloading it without dropping connections when the file changes or on SIGHUP, with
 * the status page and API on an admin address (credentials from LBC_ADMIN_USER and
 * LBC_ADMIN_PASSWORD). {@code --simulate-servers} also starts simulated Exchange servers at the
 * real servers' addresses.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Serve a deployment on the embedded engine (layer 7 TCP-mode services).",
    footer = {
      "%nExamples:%n  lbc run examples/lab.yaml --simulate-servers",
      "  lbc run deploy.yaml --bind-map 192.168.30.10=127.0.0.10 --bind-map"
          + " 192.168.30.20=127.0.0.20",
      "",
      "The status page is at the --admin address; set LBC_ADMIN_USER and LBC_ADMIN_PASSWORD."
    })
final class RunCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A .yaml, .yml or .lbc deployment.")
  Path file;

  @Option(
      names = "--bind-map",
      paramLabel = "FROM=TO",
      converter = OptionValues.BindMapping.class,
      description = "Use local address TO wherever the deployment says FROM; repeatable.")
  List<String> bindMap = new ArrayList<>();

  @Option(
      names = "--simulate-servers",
      description = "Start simulated Exchange servers at the real servers' addresses.")
  boolean simulate;

  @Option(
      names = "--admin",
      paramLabel = "ADDRESS:PORT",
      defaultValue = "127.0.0.1:9090",
      converter = OptionValues.AdminAddressConverter.class,
      description =
          "Where the status page and API listen (default: ${DEFAULT-VALUE}; port 0 picks a"
              + " free one).")
  OptionValues.AdminAddress admin;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      defaultValue = "embedded",
      description = "embedded (default); haproxy is not available yet.")
  String engineName;

  @Option(
      names = "--emulate-l4",
      description = "Run layer 4 services as TCP proxies for lab tests (not transparent).")
  boolean emulateLayer4;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      defaultValue = "20000",
      converter = OptionValues.AtLeastOne.class,
      description =
          "Concurrent client connections over all services; more are refused"
              + " (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(
      names = "--apply-firewall",
      description =
          "Add the compiled firewall chains (lockdown, TPROXY) while running and remove"
              + " them on exit; the host's own rules and policies stay; root only.")
  boolean applyFirewall;

  @Mixin OutputOptions options;

  @Override
  public Integer call() throws Exception {
    if (!engineName.equals("embedded") && !engineName.equals("haproxy")) {
      throw new Main.UsageError("--engine is embedded or haproxy, not " + engineName);
    }
    Inputs.requireFile(file);
    OptionValues.checkBindMap(bindMap);
    BindMap map;
    try {
      map = BindMap.parse(bindMap);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError(e.getMessage());
    }
    CompileResult r = new Compiler(Rules.load(), false).compile(file, Inputs.display(file));
    if (r.hasErrors() || r.model() == null) {
      LintCommand.printText(List.of(r), spec.commandLine().getErr(), options.color());
      return Main.FINDINGS;
    }
    Plan plan = Planner.plan(r.model(), Inputs.display(file));
    lastText = Files.readString(file);
    PrintWriter out = spec.commandLine().getOut();
    DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss");
    java.util.function.Consumer<String> log =
        line -> {
          synchronized (out) {
            out.println(LocalTime.now().format(clock) + " " + line);
            out.flush();
          }
        };
    List<SimulatedExchange> sims = new ArrayList<>();
    if (simulate) {
      try {
        simulate(plan, map, log, sims);
      } catch (Exception e) {
        sims.forEach(SimulatedExchange::close);
        throw new Main.UsageError(
            "cannot start the simulated servers: "
                + e.getMessage()
                + " (is another lbc run still serving? map them elsewhere with --bind-map)");
      }
    }
    Served engine;
    try {
      engine =
          engineName.equals("haproxy")
              ? HaproxyServed.start(plan, map, file, log)
              : EmbeddedServed.start(
                  plan,
                  map,
                  log,
                  new Engine.Options(
                      file.toAbsolutePath().getParent(), 10_000, emulateLayer4, maxConnections));
    } catch (Engine.BindFailure | Engine.CertificateFailure | java.io.IOException e) {
      sims.forEach(SimulatedExchange::close);
      spec.commandLine().getErr().println("lbc: " + e.getMessage());
      return Main.USAGE;
    }
    Firewall firewall = null;
    if (applyFirewall) {
      try {
        firewall = Firewall.apply(dev.lbc.runtime.engine.PlanMapping.map(plan, map), log);
      } catch (java.io.IOException e) {
        engine.close();
        sims.forEach(SimulatedExchange::close);
        throw new Main.UsageError("--apply-firewall: " + e.getMessage());
      }
    }
    Firewall appliedFirewall = firewall;
    String user = System.getenv("LBC_ADMIN_USER");
    String password = System.getenv("LBC_ADMIN_PASSWORD");
    AdminServer adminServer;
    try {
      adminServer =
          new AdminServer(admin.host(), admin.port(), engine.status(), sims, user, password, log);
    } catch (java.io.IOException e) {
      engine.close();
      if (appliedFirewall != null) {
        appliedFirewall.remove();
      }
      sims.forEach(SimulatedExchange::close);
      throw new Main.UsageError(
          "cannot serve the status page on "
              + admin.url(admin.port())
              + ": "
              + e.getMessage()
              + "; choose another address with --admin");
    }
    // Before "serving": whoever reads that line may stop lbc at once, and a stop must still
    // remove the firewall rules (a hook added during shutdown throws instead).
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              adminServer.close();
              engine.close();
              if (appliedFirewall != null) {
                appliedFirewall.remove();
              }
              sims.forEach(SimulatedExchange::close);
              stop.countDown();
            });
    Runtime.getRuntime().addShutdownHook(hook);
    log.accept(
        "serving "
            + engine.serviceCount()
            + " service(s) from "
            + Inputs.display(file)
            + "; status page "
            + admin.url(adminServer.port())
            + (adminServer.offReason() == null ? "" : " (API off: " + adminServer.offReason() + ")")
            + "; Ctrl-C stops");
    Runnable reload = () -> reload(engine, map, log);
    watch(reload, log);
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> RELOADS.execute(reload));
    } catch (IllegalArgumentException e) {
      log.accept("SIGHUP is not available here; reload by saving the file");
    }
    stop.await();
    return Main.OK;
  }

  /** What serves the deployment: the embedded engine or a supervised HAProxy. */
  interface Served extends AutoCloseable {
    int serviceCount();

    dev.lbc.runtime.admin.StatusProvider status();

    /** Serves {@code plan}; false (having logged why) if the previous one keeps serving. */
    boolean reload(Plan plan, BindMap map) throws Exception;

    @Override
    void close();
  }

  /** The embedded engine. */
  record EmbeddedServed(Engine engine) implements Served {
    static EmbeddedServed start(
        Plan plan, BindMap map, java.util.function.Consumer<String> log, Engine.Options options)
        throws Engine.BindFailure {
      return new EmbeddedServed(Engine.start(plan, map, log, options));
    }

    @Override
    public int serviceCount() {
      return engine.services().size();
    }

    @Override
    public dev.lbc.runtime.admin.StatusProvider status() {
      return new dev.lbc.runtime.admin.EmbeddedStatus(engine);
    }

    @Override
    public boolean reload(Plan plan, BindMap map) throws Engine.BindFailure {
      engine.reload(plan);
      return true;
    }

    @Override
    public void close() {
      engine.close();
    }
  }

  /**
   * The compiled haproxy.cfg of the primary appliance (addresses through the bind map) on a real
   * HAProxy, supervised; layer 4 services are named as needing keepalived and IPVS. Everything the
   * run writes is in its own folder, removed when the run ends; HAProxy and keepalived die with
   * lbc.
   */
  record HaproxyServed(
      dev.lbc.runtime.haproxy.HaproxySupervisor supervisor,
      dev.lbc.runtime.haproxy.HaproxyStatus statusSource,
      dev.lbc.runtime.haproxy.RunFolder folder,
      dev.lbc.runtime.haproxy.Tether tether,
      int services,
      Process keepalived)
      implements Served {
    static HaproxyServed start(
        Plan plan, BindMap map, Path file, java.util.function.Consumer<String> log)
        throws java.io.IOException {
      Path haproxy = dev.lbc.runtime.haproxy.HaproxySupervisor.locate();
      var tether = dev.lbc.runtime.haproxy.Tether.create();
      dev.lbc.runtime.haproxy.RunFolder folder;
      try {
        folder =
            dev.lbc.runtime.haproxy.RunFolder.create(
                Path.of(System.getProperty("java.io.tmpdir")), log);
      } catch (java.io.IOException e) {
        tether.close();
        throw e;
      }
      dev.lbc.runtime.haproxy.HaproxySupervisor supervisor = null;
      Process keepalived = null;
      try {
        Path dir = folder.path();
        Plan mapped = dev.lbc.runtime.engine.PlanMapping.map(plan, map);
        Path base = file.toAbsolutePath().getParent();
        Files.createDirectories(dir.resolve("certs"));
        for (Plan.CertificatePlan c : plan.certificates()) {
          SecretFiles.copy(base.resolve(c.pem()), dir.resolve("certs/" + c.name() + ".pem"));
        }
        keepalived = layer4(plan, mapped, dir, tether, log);
        java.util.Map<String, String> env = new java.util.HashMap<>();
        if (plan.adminPasswordEnv() != null && System.getenv(plan.adminPasswordEnv()) != null) {
          env.put(plan.adminPasswordEnv(), System.getenv(plan.adminPasswordEnv()));
        }
        supervisor = new dev.lbc.runtime.haproxy.HaproxySupervisor(haproxy, dir, env, tether, log);
        supervisor.start(render(mapped, dir));
        int count = (int) plan.services().stream().filter(s -> s.layer() == 7).count();
        log.accept("HAProxy serves the compiled configuration from " + dir);
        return new HaproxyServed(
            supervisor,
            new dev.lbc.runtime.haproxy.HaproxyStatus(supervisor.statsSocket(), plan),
            folder,
            tether,
            count,
            keepalived);
      } catch (java.io.IOException | RuntimeException e) {
        stop(supervisor, keepalived, tether, folder);
        throw e;
      }
    }

    /**
     * Layer 4 services need the kernel's IPVS. Where the host has it, the compiled keepalived
     * configuration runs with its checkers only (the LVS virtual servers, no VRRP, so no address is
     * taken over); where it has not, each layer 4 service is named as not run.
     */
    private static Process layer4(
        Plan plan,
        Plan mapped,
        Path dir,
        dev.lbc.runtime.haproxy.Tether tether,
        java.util.function.Consumer<String> log)
        throws java.io.IOException {
      List<String> names =
          plan.services().stream()
              .filter(s -> s.layer() == 4)
              .map(s -> s.name() + " (" + s.mode() + ")")
              .toList();
      if (names.isEmpty()) {
        return null;
      }
      if (!Files.exists(Path.of("/proc/net/ip_vs"))) {
        log.accept(
            "layer 4 services not run: "
                + String.join(", ", names)
                + ": this host has no"
                + " IPVS (/proc/net/ip_vs is missing); on an appliance keepalived runs them"
                + " (lbc build writes keepalived.conf)");
        return null;
      }
      String conf =
          new dev.lbc.backends.keepalived.KeepalivedBackend().render(mapped).get(0).text();
      Files.writeString(dir.resolve("keepalived.conf"), conf);
      Process p =
          tether.start(
              new ProcessBuilder(
                      "keepalived",
                      "-n",
                      "-l",
                      "-C",
                      "-f",
                      dir.resolve("keepalived.conf").toString(),
                      "-p",
                      dir.resolve("keepalived.pid").toString(),
                      "-c",
                      dir.resolve("checkers.pid").toString())
                  .redirectErrorStream(true)
                  .redirectOutput(dir.resolve("keepalived.log").toFile()));
      log.accept(
          "layer 4 services applied to IPVS through keepalived (checkers only): "
              + String.join(", ", names));
      return p;
    }

    /** The primary's haproxy.cfg, loading the certificates from the run folder's certs/. */
    private static String render(Plan plan, Path dir) {
      return new dev.lbc.backends.haproxy.HaproxyBackend()
          .render(plan, dir.resolve("certs").toString())
          .get(0)
          .text();
    }

    @Override
    public int serviceCount() {
      return services;
    }

    @Override
    public dev.lbc.runtime.admin.StatusProvider status() {
      return statusSource;
    }

    @Override
    public boolean reload(Plan plan, BindMap map) throws java.io.IOException {
      boolean ok =
          supervisor.reload(
              render(dev.lbc.runtime.engine.PlanMapping.map(plan, map), folder.path()));
      if (ok) {
        statusSource.setPlan(plan);
      }
      return ok;
    }

    @Override
    public void close() {
      stop(supervisor, keepalived, tether, folder);
    }

    /** Stops what was started (any may be null), then removes the run's folder. */
    private static void stop(
        dev.lbc.runtime.haproxy.HaproxySupervisor supervisor,
        Process keepalived,
        dev.lbc.runtime.haproxy.Tether tether,
        dev.lbc.runtime.haproxy.RunFolder folder) {
      if (supervisor != null) {
        supervisor.close();
      }
      if (keepalived != null) {
        keepalived.destroy();
        try {
          keepalived.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      tether.close();
      try {
        folder.close();
      } catch (java.io.IOException e) {
        System.err.println(
            "lbc: could not remove the run folder " + folder.path() + ": " + e.getMessage());
      }
    }
  }

  /** Reloads run one at a time, off the signal and watcher threads. */
  private static final java.util.concurrent.ExecutorService RELOADS =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "lbc-reload");
            t.setDaemon(true);
            return t;
          });

  private String lastText;

  /**
   * Recompiles the file; a valid deployment replaces the running one without dropping a connection,
   * an invalid one is reported and the running configuration stays.
   */
  private void reload(Served engine, BindMap map, java.util.function.Consumer<String> log) {
    String text;
    try {
      text = Files.readString(file);
    } catch (java.io.IOException e) {
      log.accept(
          "reload: cannot read "
              + file
              + " ("
              + e.getMessage()
              + "); still serving the previous configuration");
      return;
    }
    if (text.equals(lastText)) {
      return;
    }
    CompileResult r = new Compiler(Rules.load(), false).compile(file, Inputs.display(file));
    if (r.hasErrors() || r.model() == null) {
      LintCommand.printText(List.of(r), spec.commandLine().getErr(), options.color());
      log.accept(
          "reload refused: "
              + Inputs.display(file)
              + " has errors; still serving the previous configuration");
      return;
    }
    try {
      if (!engine.reload(Planner.plan(r.model(), Inputs.display(file)), map)) {
        return; // the engine said why; the previous configuration keeps serving
      }
      lastText = text;
      log.accept("reloaded " + Inputs.display(file));
    } catch (Exception e) {
      log.accept(
          "reload failed: " + e.getMessage() + "; still serving the previous" + " configuration");
    }
  }

  /** Reloads when the deployment file changes (editors write in several steps: debounced). */
  private void watch(Runnable reload, java.util.function.Consumer<String> log) throws Exception {
    Path dir = file.toAbsolutePath().getParent();
    Path name = file.getFileName();
    java.nio.file.WatchService ws = dir.getFileSystem().newWatchService();
    dir.register(
        ws,
        java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY,
        java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
    Thread t =
        new Thread(
            () -> {
              while (true) {
                try {
                  java.nio.file.WatchKey key = ws.take();
                  boolean ours = false;
                  for (var event : key.pollEvents()) {
                    ours |= name.equals(event.context());
                  }
                  key.reset();
                  if (ours) {
                    // One save can be several events (truncate, write, rename): let the burst
                    // settle, then swallow what it queued, so that one save is one reload.
                    // Two overlapping reloads of a configuration HAProxy refuses would pause its
                    // listeners a second time while the first failure is being reported.
                    Thread.sleep(150);
                    for (java.nio.file.WatchKey more = ws.poll(); more != null; more = ws.poll()) {
                      more.pollEvents();
                      more.reset();
                    }
                    RELOADS.execute(reload);
                  }
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "lbc-watch");
    t.setDaemon(true);
    t.start();
  }

  /** One simulated server per real server, on every address:port a service sends it. */
  private static void simulate(
      Plan plan, BindMap map, java.util.function.Consumer<String> log, List<SimulatedExchange> sims)
      throws InterruptedException {
    Set<String> bound = new HashSet<>();
    for (ServerPlan server : plan.servers()) {
      SimulatedExchange sim = new SimulatedExchange(server.name());
      sims.add(sim);
      for (ServicePlan s : plan.services()) {
        for (MemberPlan m : s.members()) {
          if (!m.server().equalsIgnoreCase(server.name())) {
            continue;
          }
          List<Integer> ports = m.port() != null ? List.of(m.port()) : s.ports();
          for (int port : ports) {
            String address = map.map(server.address());
            if (bound.add(address + ":" + port)) {
              String protocol =
                  SimulatedExchange.protocolFor(
                      port, s.check().type().equals("https-get") || s.reencrypt());
              sim.listen(address, port, protocol);
              log.accept(
                  "simulated "
                      + server.name()
                      + " ("
                      + protocol.toUpperCase(Locale.ROOT)
                      + ") on "
                      + address
                      + ":"
                      + port);
            }
          }
        }
      }
    }
  }
}
