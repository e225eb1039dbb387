package dev.lbc.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appliance role is keepalived's VRRP state as an engineer reads it: a keepalived running VRRP
 * in this network namespace, and the VIP on an interface (MASTER) or not (BACKUP). Read from a
 * folder laid out as /proc.
 */
class ApplianceRoleTest {
  private static final String VIP = "192.168.30.10";

  /** A process under {@code proc} with this command line, in network namespace {@code netns}. */
  private static void process(Path proc, String pid, String netns, String... argv)
      throws IOException {
    Path dir = Files.createDirectories(proc.resolve(pid).resolve("ns"));
    Files.createSymbolicLink(dir.resolve("net"), Path.of(netns));
    Files.writeString(proc.resolve(pid).resolve("cmdline"), String.join("\0", argv) + "\0");
  }

  private static ApplianceRole role(Path proc, String... local) throws IOException {
    if (!Files.exists(proc.resolve("self"))) {
      process(proc, "self", "net:[4026531840]", "java");
    }
    Set<String> held = Set.of(local);
    return new ApplianceRole(proc, (InetAddress a) -> held.contains(a.getHostAddress()));
  }

  @Test
  void withoutKeepalivedThereIsNoRoleToReport(@TempDir Path proc) throws IOException {
    process(proc, "200", "net:[4026531840]", "/usr/sbin/haproxy", "-W", "-f", "h.cfg");
    assertEquals("no keepalived", role(proc, VIP).of(VIP));
  }

  @Test
  void theAppliancesKeepalivedHoldingTheVipIsMaster(@TempDir Path proc) throws IOException {
    process(proc, "100", "net:[4026531840]", "/usr/sbin/keepalived", "--dont-fork", "-D");
    assertEquals("MASTER", role(proc, VIP).of(VIP));
    assertEquals("BACKUP", role(proc, "192.168.30.11").of(VIP), "the VIP is on the peer");
  }

  @Test
  void checkersOnlyAsLbcRunStartsItIsNoVrrp(@TempDir Path proc) throws IOException {
    process(proc, "100", "net:[4026531840]", "keepalived", "-n", "-l", "-C", "-f", "k.conf");
    process(proc, "101", "net:[4026531840]", "keepalived", "--check", "-f", "k.conf");
    assertEquals("no keepalived", role(proc, VIP).of(VIP));
  }

  @Test
  void aKeepalivedInAnotherNetworkNamespaceIsNotThisAppliances(@TempDir Path proc)
      throws IOException {
    process(proc, "100", "net:[4026532999]", "keepalived", "-n", "-f", "peer.conf");
    assertEquals("no keepalived", role(proc, VIP).of(VIP));
  }

  @Test
  void aKeepalivedWhoseNamespaceIsHiddenFromLbcCountsAsThisAppliances(@TempDir Path proc)
      throws IOException {
    // keepalived as root, lbc as another user: /proc/PID/ns/net cannot be read
    Path dir = Files.createDirectories(proc.resolve("100"));
    Files.writeString(dir.resolve("cmdline"), "/usr/sbin/keepalived\0--dont-fork\0");
    assertEquals("MASTER", role(proc, VIP).of(VIP));
  }

  @Test
  void onlyKeepalivedItselfCounts(@TempDir Path proc) throws IOException {
    process(proc, "100", "net:[4026531840]", "/usr/bin/keepalived-exporter", "--web.listen");
    process(proc, "101", "net:[4026531840]", "grep", "keepalived");
    assertEquals("no keepalived", role(proc, VIP).of(VIP));
  }
}
