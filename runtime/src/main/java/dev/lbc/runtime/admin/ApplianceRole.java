package dev.lbc.runtime.admin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The appliance's VRRP role for a VIP, read as an engineer reads it on the box: keepalived's VRRP
 * runs in this network namespace ({@code pgrep keepalived}, not the checkers-only {@code -C} that
 * {@code lbc run --engine haproxy} starts for IPVS), and the MASTER is the appliance whose
 * interfaces hold the VIP ({@code ip addr}; keepalived adds it on MASTER and removes it on BACKUP
 * or FAULT). Without keepalived's VRRP there is no role to report, and the page says so rather than
 * guessing from the address alone.
 */
public final class ApplianceRole {
  /** What the page shows when keepalived's VRRP does not run here. */
  public static final String NONE = "no keepalived";

  private final Path proc;
  private final Predicate<InetAddress> local;

  /**
   * @param proc the proc file system ({@code /proc}; a folder laid out alike in tests)
   * @param local whether an address is on one of this host's interfaces
   */
  public ApplianceRole(Path proc, Predicate<InetAddress> local) {
    this.proc = proc;
    this.local = local;
  }

  /** This host's keepalived and interfaces. */
  public static ApplianceRole host() {
    return new ApplianceRole(Path.of("/proc"), ApplianceRole::onInterface);
  }

  /**
   * The role for a VIP bound at {@code address} (an IP address): MASTER, BACKUP or {@link #NONE}.
   */
  public String of(String address) {
    if (!vrrpRuns()) {
      return NONE;
    }
    try {
      return role(true, local.test(InetAddress.getByName(address)));
    } catch (UnknownHostException e) {
      return role(true, false); // an IP literal always parses; nothing to resolve
    }
  }

  /** The decision, apart from how its inputs are read. */
  static String role(boolean vrrpRuns, boolean holdsVip) {
    return !vrrpRuns ? NONE : holdsVip ? "MASTER" : "BACKUP";
  }

  /**
   * True if a keepalived that runs VRRP lives in this process's network namespace. A namespace that
   * cannot be read (keepalived runs as root, lbc as another user: the kernel hides another user's
   * {@code ns/net}) counts as this one, as {@code pgrep} would see it: on an appliance both run in
   * the host's namespace.
   */
  boolean vrrpRuns() {
    String ours = netns(proc.resolve("self"));
    try (Stream<Path> pids = Files.list(proc)) {
      return pids.filter(p -> p.getFileName().toString().matches("[0-9]+"))
          .anyMatch(p -> runsVrrp(argv(p)) && sameNamespace(ours, netns(p)));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A keepalived command line that runs VRRP: keepalived runs it unless told to run its checkers
   * only ({@code -C}, {@code --check}).
   */
  static boolean runsVrrp(List<String> argv) {
    if (argv.isEmpty() || !Path.of(argv.get(0)).getFileName().toString().equals("keepalived")) {
      return false;
    }
    return argv.stream().skip(1).noneMatch(a -> a.equals("-C") || a.equals("--check"));
  }

  private static boolean sameNamespace(String ours, String theirs) {
    return ours == null || theirs == null || ours.equals(theirs);
  }

  private static List<String> argv(Path pid) {
    try {
      String line = Files.readString(pid.resolve("cmdline"), StandardCharsets.UTF_8);
      return line.isEmpty() ? List.of() : List.of(line.split("\0"));
    } catch (IOException | RuntimeException e) {
      return List.of(); // gone since listed, or not ours to read
    }
  }

  /** The network namespace a process is in ({@code net:[4026531840]}); null if unreadable. */
  private static String netns(Path pid) {
    try {
      return Files.readSymbolicLink(pid.resolve("ns").resolve("net")).toString();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean onInterface(InetAddress address) {
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }
}
