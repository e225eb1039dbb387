package dev.lbc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs HAProxy on a built appliance folder as it runs once the RUNBOOK installed it: the folder's
 * certs/ at /etc/haproxy/certs, where the generated {@code crt-base} points. A private mount
 * namespace holds that view (a tmpfs over /etc/haproxy and /run/haproxy), so the host's files are
 * never touched and the check reads exactly the generated file. Needs root, as the suite does.
 */
final class InstalledHaproxy {
  private InstalledHaproxy() {}

  /** The password the tests give HAProxy for the statistics page. */
  static final String PASSWORD = "s3cret";

  /**
   * The command line running {@code haproxy args...} with {@code appliance}'s certificates
   * installed; {@code prefix} goes first (e.g. ip netns exec NS).
   */
  static List<String> command(List<String> prefix, Path appliance, String... args) {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(
        List.of(
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mkdir -p /etc/haproxy /run/haproxy"
                + " && mount -t tmpfs lbc /etc/haproxy && mount -t tmpfs lbc /run/haproxy"
                + " && mkdir /etc/haproxy/certs"
                + " && { [ ! -d \"$0/certs\" ] || mount --bind \"$0/certs\" /etc/haproxy/certs; }"
                + " && cd \"$0\" && exec \"$@\"",
            appliance.toString(),
            "haproxy"));
    command.addAll(List.of(args));
    return command;
  }

  /** {@code haproxy -c} on the appliance's haproxy.cfg, with exactly {@code env} added. */
  static Netns.Result check(Path appliance, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command(List.of(), appliance, "-c", "-f", "haproxy.cfg"))
            .redirectErrorStream(true);
    pb.environment().remove("LB_ADMIN_PASSWORD");
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("haproxy -c timed out");
    }
    return new Netns.Result(p.exitValue(), out, "");
  }

  /** {@code haproxy -c} as the installed service runs it: the statistics password set. */
  static Netns.Result check(Path appliance) throws IOException, InterruptedException {
    return check(appliance, Map.of("LB_ADMIN_PASSWORD", PASSWORD));
  }
}
