package dev.lbc.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hosts with real addresses on one LAN, for end-to-end tests: a network namespace per host, each
 * with an {@code eth0} plugged into a bridge in a switch namespace. Only these namespaces carry the
 * test traffic. Processes started here are stopped, and the namespaces removed, on close.
 */
final class Lab implements AutoCloseable {
  private final String prefix;
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  Lab(String prefix) throws IOException, InterruptedException {
    this.prefix = prefix + ProcessHandle.current().pid() % 10000;
    String sw = ns("sw");
    run("ip", "netns", "add", sw);
    namespaces.add(sw);
    run("ip", "-n", sw, "link", "add", "br0", "type", "bridge");
    run("ip", "-n", sw, "link", "set", "br0", "up");
  }

  String ns(String host) {
    return prefix + host;
  }

  /** Adds host {@code name} with these addresses (CIDR) on its eth0. */
  void host(String name, String... cidrs) throws IOException, InterruptedException {
    String ns = ns(name);
    run("ip", "netns", "add", ns);
    namespaces.add(ns);
    String port = (prefix + name).length() > 15 ? name : prefix + name;
    run(
        "ip", "link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", port, "netns",
        ns("sw"));
    run("ip", "-n", ns("sw"), "link", "set", port, "master", "br0");
    run("ip", "-n", ns("sw"), "link", "set", port, "up");
    run("ip", "-n", ns, "link", "set", "lo", "up");
    run("ip", "-n", ns, "link", "set", "eth0", "up");
    for (String cidr : cidrs) {
      run("ip", "-n", ns, "addr", "add", cidr, "dev", "eth0");
    }
  }

  /** Starts {@code command} on {@code host} in the background, output to {@code log}. */
  Process start(String host, List<String> command, Path cwd, Map<String, String> env, Path log)
      throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
    full.addAll(command);
    ProcessBuilder pb =
        new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    pb.environment().putAll(env);
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** Runs {@code command} on {@code host} and waits for it. */
  Netns.Result exec(String host, String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
    full.addAll(List.of(command));
    return Netns.run(full, null);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Netns.Result r = Netns.run(List.of(command), null);
    if (r.exit() != 0) {
      throw new IOException(String.join(" ", command) + ": " + r.err());
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor();
    }
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      Netns.run(List.of("ip", "netns", "del", namespaces.get(i)), null);
    }
  }
}
