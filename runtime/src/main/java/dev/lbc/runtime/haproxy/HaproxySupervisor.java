package dev.lbc.runtime.haproxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the compiled haproxy.cfg on a real HAProxy in master-worker mode and supervises it: the
 * configuration is checked with {@code haproxy -c} before every start and reload; a reload is
 * SIGUSR2 to the master, which keeps the old workers serving if the new configuration cannot be
 * loaded (reported as a failure, not hidden); a HAProxy that dies is restarted; close stops it. The
 * master is started through a {@link Tether}, so it (and its workers with it) dies with lbc. The
 * stats socket is in the run's own folder: two runs never share one.
 */
public final class HaproxySupervisor implements AutoCloseable {
  private final Path haproxy;
  private final Path dir;
  private final Map<String, String> env;
  private final Tether tether;
  private final Consumer<String> log;
  private final BlockingQueue<String> loading = new LinkedBlockingQueue<>();
  private volatile Process master;
  private volatile boolean stopping;

  /**
   * Supervises {@code dir}/haproxy.cfg (run from {@code dir}, where its certs/ are) with the {@code
   * haproxy} executable, started through {@code tether}.
   */
  public HaproxySupervisor(
      Path haproxy, Path dir, Map<String, String> env, Tether tether, Consumer<String> log) {
    this.haproxy = haproxy;
    this.dir = dir;
    this.env = Map.copyOf(env);
    this.tether = tether;
    this.log = log;
  }

  /** The haproxy executable on PATH, or an error that says how to get one. */
  public static Path locate() throws Tether.NotInstalled {
    return Tether.onPath("haproxy")
        .orElseThrow(
            () ->
                new Tether.NotInstalled(
                    "HAProxy is not installed or not on PATH (PATH="
                        + System.getenv("PATH")
                        + "): install the haproxy package (Debian: apt-get install haproxy) or"
                        + " add its folder to PATH, or use --engine embedded"));
  }

  /**
   * Installs {@code config} as this run serves it, checks it and starts HAProxy; throws with
   * HAProxy's own words if the check fails.
   */
  public void start(String config) throws IOException {
    Files.writeString(dir.resolve("haproxy.cfg"), forRun(config), StandardCharsets.UTF_8);
    String problem = check(dir.resolve("haproxy.cfg"));
    if (problem != null) {
      throw new IOException("haproxy -c refused the configuration: " + problem);
    }
    launch();
    if (!awaitLoading(15)) {
      throw new IOException("HAProxy did not start; see its messages above");
    }
    Thread monitor = new Thread(this::monitor, "lbc-haproxy-monitor");
    monitor.setDaemon(true);
    monitor.start();
  }

  /**
   * {@code config} as this run serves it: the compiled file names the appliance's socket (a system
   * path that two runs would share, and steal from each other); the run's is in its own folder, for
   * lbc's user only.
   */
  String forRun(String config) throws IOException {
    return forRun(config, statsSocket());
  }

  static String forRun(String config, Path socket) throws IOException {
    String name = socket.toString();
    if (!name.matches("[A-Za-z0-9/._+=@%-]+")) {
      throw new IOException(
          "the run folder "
              + socket.getParent()
              + " cannot be named in haproxy.cfg; choose another temp folder with"
              + " -Djava.io.tmpdir");
    }
    StringBuilder out = new StringBuilder();
    boolean placed = false;
    for (String line : config.lines().toList()) {
      if (line.strip().startsWith("stats socket ")) {
        continue;
      }
      out.append(line).append('\n');
      if (!placed && line.strip().equals("global")) {
        out.append("    stats socket ")
            .append(name)
            .append(" mode 600 level admin expose-fd listeners\n");
        placed = true;
      }
    }
    if (!placed) {
      throw new IllegalStateException("the compiled haproxy.cfg has no global section");
    }
    return out.toString();
  }

  private void launch() throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(haproxy.toString(), "-W", "-db", "-f", "haproxy.cfg")
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = tether.start(pb);
    master = p;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.contains("Loading success")) {
                    loading.add("success");
                  } else if (line.contains("Loading failure")) {
                    loading.add("failure");
                  }
                  if (!line.contains("sendmsg()/writev() failed in logger")) {
                    log.accept("haproxy: " + line.strip());
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              // a master that exits before loading (a port it cannot bind) never says "Loading"
              loading.add("exited");
            },
            "lbc-haproxy-output");
    reader.setDaemon(true);
    reader.start();
  }

  private boolean awaitLoading(int seconds) {
    try {
      String result = loading.poll(seconds, TimeUnit.SECONDS);
      return "success".equals(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Restarts a HAProxy that dies (not one being stopped). */
  private void monitor() {
    while (!stopping) {
      Process p = master;
      try {
        int code = p.waitFor();
        if (stopping) {
          return;
        }
        log.accept("HAProxy exited with code " + code + "; restarting it");
        Thread.sleep(1000);
        loading.clear();
        launch();
        if (!awaitLoading(15)) {
          log.accept("HAProxy did not come back; retrying");
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        log.accept("cannot restart HAProxy: " + e.getMessage());
        return;
      }
    }
  }

  /** {@code haproxy -c} on {@code file} from this folder: null if valid, else its complaint. */
  public String check(Path file) throws IOException {
    Process p =
        new ProcessBuilder(haproxy.toString(), "-c", "-f", file.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "haproxy -c timed out";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    return p.exitValue() == 0 ? null : out.strip();
  }

  /**
   * Installs {@code config} and reloads: returns true when the new workers loaded it, false when
   * the check or the load failed (the old workers then keep serving).
   */
  public boolean reload(String config) throws IOException {
    Path next = dir.resolve("haproxy.cfg.next");
    Files.writeString(next, forRun(config), StandardCharsets.UTF_8);
    String problem = check(next);
    if (problem != null) {
      log.accept("reload failed: haproxy -c refused the new configuration: " + problem);
      Files.deleteIfExists(next);
      return false;
    }
    Path current = dir.resolve("haproxy.cfg");
    Path previous = dir.resolve("haproxy.cfg.previous");
    Files.copy(current, previous, StandardCopyOption.REPLACE_EXISTING);
    Files.move(next, current, StandardCopyOption.REPLACE_EXISTING);
    loading.clear();
    signal("USR2");
    if (awaitLoading(15)) {
      return true;
    }
    // The master kept the old workers; keep the file they run in place too.
    Files.move(previous, current, StandardCopyOption.REPLACE_EXISTING);
    log.accept(
        "reload failed: HAProxy could not load the new configuration; the previous one"
            + " keeps serving");
    return false;
  }

  private void signal(String name) throws IOException {
    try {
      Process kill =
          new ProcessBuilder(List.of("kill", "-" + name, String.valueOf(master.pid()))).start();
      kill.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The stats socket of this run's HAProxy, in the run's folder. */
  public Path statsSocket() {
    return dir.resolve("admin.sock");
  }

  @Override
  public void close() {
    stopping = true;
    Process p = master;
    if (p != null) {
      List<ProcessHandle> workers = p.descendants().toList();
      p.destroy();
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
      // the master stops its workers; one that outlived it would keep the ports
      workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
  }
}
