package dev.lbc.runtime.haproxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts child processes (HAProxy, keepalived) that die with lbc, even when lbc is killed with
 * SIGKILL and no shutdown hook runs.
 *
 * <p>Each child starts as {@code setpriv --pdeathsig KILL sh -c CHECK lbc PID COMMAND...}: setpriv
 * (util-linux, on every Debian) asks the kernel for SIGKILL when the parent goes (PR_SET_PDEATHSIG,
 * kept across exec), then the shell makes sure that parent is still lbc, since a parent that died
 * before setpriv ran would never send it, and execs the command in place: the child keeps its pid,
 * so signals, {@link Process#destroy} and exit codes are the command's own. HAProxy's workers leave
 * when their master dies, so killing the master suffices.
 *
 * <p>The kernel sends the signal when the <em>thread</em> that started the child ends, not the
 * process. So every child is started from one thread of this tether, which lives until {@link
 * #close}; a restart from the monitor thread or a start from the main thread would otherwise tie
 * the child to a thread that may end first.
 */
public final class Tether implements AutoCloseable {
  private static final String CHECK =
      "read -r stat < /proc/$$/stat; ppid=${stat##*) }; ppid=${ppid#* }; ppid=${ppid%% *};"
          + " [ \"$ppid\" = \"$1\" ] || exit 70; shift; exec \"$@\"";

  private final Path setpriv;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "lbc-tether");
            t.setDaemon(true);
            return t;
          });

  private Tether(Path setpriv) {
    this.setpriv = setpriv;
  }

  /** A tether, or a clear error when setpriv is missing. */
  public static Tether create() throws NotInstalled {
    return new Tether(
        onPath("setpriv")
            .orElseThrow(
                () ->
                    new NotInstalled(
                        "setpriv is not installed or not on PATH: lbc needs it to stop HAProxy"
                            + " when lbc itself is killed; install the util-linux package")));
  }

  /** Starts {@code pb}'s command tied to lbc's life. */
  public Process start(ProcessBuilder pb) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                setpriv.toString(),
                "--pdeathsig",
                "KILL",
                "--",
                "/bin/sh",
                "-c",
                CHECK,
                "lbc",
                String.valueOf(ProcessHandle.current().pid())));
    command.addAll(pb.command());
    ProcessBuilder tethered = new ProcessBuilder(command);
    tethered.directory(pb.directory());
    tethered.environment().clear();
    tethered.environment().putAll(pb.environment());
    tethered.redirectErrorStream(pb.redirectErrorStream());
    tethered.redirectInput(pb.redirectInput());
    tethered.redirectOutput(pb.redirectOutput());
    tethered.redirectError(pb.redirectError());
    try {
      return thread.submit(tethered::start).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting " + pb.command().get(0), e);
    }
  }

  /** Ends the starting thread: call it once the children have been stopped. */
  @Override
  public void close() {
    thread.shutdown();
  }

  /** The executable {@code name} in a folder of PATH, as a shell would find it. */
  public static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(":")) {
      try {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      } catch (java.nio.file.InvalidPathException e) {
        // not a folder a shell could search either
      }
    }
    return Optional.empty();
  }

  /** A tool lbc needs is missing; the message says which and how to get it. */
  public static final class NotInstalled extends IOException {
    public NotInstalled(String message) {
      super(message);
    }
  }
}
