package dev.lbc.runtime.serve;

import dev.lbc.backends.haproxy.HaproxyBackend;
import dev.lbc.backends.keepalived.KeepalivedBackend;
import dev.lbc.compiler.cert.CertificateInfo;
import dev.lbc.compiler.cert.CertificateReader;
import dev.lbc.compiler.cert.Environment;
import dev.lbc.compiler.output.SecretFiles;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.spi.Backends;
import dev.lbc.runtime.admin.ApplianceRole;
import dev.lbc.runtime.admin.StatusProvider;
import dev.lbc.runtime.engine.AccessLog;
import dev.lbc.runtime.engine.BindMap;
import dev.lbc.runtime.engine.PlanMapping;
import dev.lbc.runtime.haproxy.HaproxyLogReceiver;
import dev.lbc.runtime.haproxy.HaproxyMetrics;
import dev.lbc.runtime.haproxy.HaproxyStatus;
import dev.lbc.runtime.haproxy.HaproxySupervisor;
import dev.lbc.runtime.haproxy.RunFolder;
import dev.lbc.runtime.haproxy.Tether;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The compiled haproxy.cfg of the primary appliance (addresses through the bind map) on a real
 * HAProxy, supervised; layer 4 services are named as needing keepalived and IPVS. Everything the
 * run writes is in its own folder, removed when the run ends; HAProxy and keepalived die with lbc.
 */
record HaproxyServed(
    HaproxySupervisor supervisor,
    HaproxyStatus statusSource,
    HaproxyMetrics metricsSource,
    RunFolder folder,
    Tether tether,
    int services,
    Process keepalived,
    Path base,
    Environment environment,
    HaproxyLogReceiver logs)
    implements Served {
  static HaproxyServed start(
      Plan plan,
      BindMap map,
      Path file,
      Environment environment,
      Consumer<String> log,
      AccessLog accessLog)
      throws IOException {
    Path haproxy = HaproxySupervisor.locate();
    var tether = Tether.create();
    RunFolder folder;
    try {
      folder = RunFolder.create(Path.of(System.getProperty("java.io.tmpdir")), log);
    } catch (IOException e) {
      tether.close();
      throw e;
    }
    HaproxySupervisor supervisor = null;
    Process keepalived = null;
    HaproxyLogReceiver logs = null;
    try {
      logs = accessLog.on() ? HaproxyLogReceiver.start(accessLog::offer) : null;
      Path dir = folder.path();
      Plan mapped = PlanMapping.map(plan, map);
      Path base = file.toAbsolutePath().getParent();
      copyCertificates(plan, base, dir, environment);
      keepalived = layer4(plan, mapped, dir, tether, log);
      Map<String, String> env = new HashMap<>();
      if (plan.adminPasswordEnv() != null && System.getenv(plan.adminPasswordEnv()) != null) {
        env.put(plan.adminPasswordEnv(), System.getenv(plan.adminPasswordEnv()));
      }
      supervisor = new HaproxySupervisor(haproxy, dir, env, tether, log);
      supervisor.start(render(mapped, dir, logs));
      int count = (int) plan.services().stream().filter(s -> s.layer() == 7).count();
      log.accept("HAProxy serves the compiled configuration from " + dir);
      return new HaproxyServed(
          supervisor,
          new HaproxyStatus(
              supervisor.statsSocket(), plan, vip -> map.map(vip).text(), ApplianceRole.host()),
          new HaproxyMetrics(metricsSocket(dir)),
          folder,
          tether,
          count,
          keepalived,
          base,
          environment,
          logs);
    } catch (IOException | RuntimeException e) {
      stop(supervisor, keepalived, tether, folder, logs);
      throw e;
    }
  }

  /**
   * Layer 4 services need the kernel's IPVS. Where the host has it, the compiled keepalived
   * configuration runs with its checkers only (the LVS virtual servers, no VRRP, so no address is
   * taken over); where it has not, each layer 4 service is named as not run.
   */
  private static Process layer4(
      Plan plan, Plan mapped, Path dir, Tether tether, Consumer<String> log) throws IOException {
    List<String> names =
        plan.services().stream()
            .filter(s -> s.layer() == 4)
            .map(s -> s.name() + " (" + s.mode().word() + ")")
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
        Backends.load().get(KeepalivedBackend.class).render(mapped, mapped.primary()).get(0).text();
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

  /**
   * The deployment's certificates, PEM or PKCS#12, read by the one reader and written private into
   * the run folder's certs/ as the PEM HAProxy loads (as the build does).
   */
  private static void copyCertificates(Plan plan, Path base, Path dir, Environment environment)
      throws IOException {
    Files.createDirectories(dir.resolve("certs"));
    for (Plan.CertificatePlan c : plan.certificates()) {
      CertificateInfo info;
      try {
        info = CertificateReader.forServing(base, c.source(), environment);
      } catch (CertificateReader.Unusable e) {
        throw new IOException("certificate " + c.name() + " cannot be loaded: " + e.getMessage());
      }
      SecretFiles.write(
          dir.resolve("certs/" + c.name() + ".pem"),
          info.canonicalPem().getBytes(StandardCharsets.US_ASCII),
          SecretFiles.modeFor(base.resolve(c.source().path())));
    }
  }

  /**
   * The primary's haproxy.cfg, loading the certificates from the run folder's certs/, with the
   * exporter's frontend lbc reads /metrics from; with an access log, HAProxy's log goes to lbc.
   */
  private static String render(Plan plan, Path dir, HaproxyLogReceiver logs) throws IOException {
    String config =
        Backends.load()
                .get(HaproxyBackend.class)
                .config(plan, plan.primary(), dir.resolve("certs").toString())
                .text()
            + HaproxyMetrics.frontend(metricsSocket(dir));
    if (logs == null) {
      return config;
    }
    String compiled = "\n    " + HaproxyBackend.LOG_TARGET + "\n";
    if (!config.contains(compiled)) {
      throw new IllegalStateException(
          "haproxy.cfg has no global `" + HaproxyBackend.LOG_TARGET + "`");
    }
    return config.replace(compiled, "\n    " + logs.target() + "\n");
  }

  private static Path metricsSocket(Path dir) {
    return dir.resolve("metrics.sock");
  }

  @Override
  public String metrics() throws IOException {
    return metricsSource.metrics();
  }

  @Override
  public int serviceCount() {
    return services;
  }

  @Override
  public StatusProvider status() {
    return statusSource;
  }

  @Override
  public boolean reload(Plan plan, BindMap map) throws IOException {
    // a reload may name other certificates, or the same ones renewed
    copyCertificates(plan, base, folder.path(), environment);
    boolean ok = supervisor.reload(render(PlanMapping.map(plan, map), folder.path(), logs));
    if (ok) {
      statusSource.setPlan(plan);
    }
    return ok;
  }

  @Override
  public void close() {
    stop(supervisor, keepalived, tether, folder, logs);
  }

  /** Stops what was started (any may be null), then removes the run's folder. */
  private static void stop(
      HaproxySupervisor supervisor,
      Process keepalived,
      Tether tether,
      RunFolder folder,
      HaproxyLogReceiver logs) {
    if (supervisor != null) {
      supervisor.close();
    }
    if (logs != null) {
      logs.close();
    }
    if (keepalived != null) {
      keepalived.destroy();
      try {
        keepalived.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    tether.close();
    try {
      folder.close();
    } catch (IOException e) {
      System.err.println(
          "lbc: could not remove the run folder " + folder.path() + ": " + e.getMessage());
    }
  }
}
