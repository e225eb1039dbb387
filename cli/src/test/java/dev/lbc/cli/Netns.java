package dev.lbc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway network namespace for running real tools against generated files: iptables-restore
 * and keepalived read the kernel's view of interfaces, so each check gets a namespace of its own
 * with the interfaces the file names (veth pairs). Needs root, as CI and this machine have.
 */
final class Netns implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  final String name;

  /** The output of a command: its exit code, stdout and stderr. */
  record Result(int exit, String out, String err) {}

  Netns() throws IOException, InterruptedException {
    name = "lbct" + ProcessHandle.current().pid() + "n" + COUNTER.incrementAndGet();
    Result r = run(List.of("ip", "netns", "add", name), null);
    if (r.exit() != 0) {
      throw new IOException("cannot create network namespace " + name + ": " + r.err());
    }
  }

  /** Adds an interface called {@code ifname} (one end of a veth pair) and brings it up. */
  void addInterface(String ifname) throws IOException, InterruptedException {
    String peer = "p" + Integer.toHexString((name + ifname).hashCode());
    check(
        List.of(
            "ip",
            "-n",
            name,
            "link",
            "add",
            ifname,
            "type",
            "veth",
            "peer",
            "name",
            peer.substring(0, Math.min(15, peer.length()))));
    check(List.of("ip", "-n", name, "link", "set", ifname, "up"));
  }

  /** Runs {@code command} inside the namespace with {@code stdin} as input. */
  Result exec(List<String> command, String stdin) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(command);
    return run(full, stdin);
  }

  private void check(List<String> command) throws IOException, InterruptedException {
    Result r = run(command, null);
    if (r.exit() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + r.err());
    }
  }

  static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    var out = p.getInputStream();
    var err = p.getErrorStream();
    String o = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    String e = new String(err.readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " timed out");
    }
    return new Result(p.exitValue(), o, e);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run(List.of("ip", "netns", "del", name), null);
  }
}
