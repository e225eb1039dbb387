package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server's connection limits reach both engines: HAProxy's maxconn/minconn at layer 7, LVS's
 * upper and lower thresholds at layer 4 (the guides' layer 4 "Maximum/Minimum Connections" fields).
 * A lower limit without an upper one means nothing to either, and is refused where it is written.
 */
class ConnectionLimitsTest {
  private static final String DEPLOYMENT =
      """
      lbc: 1
      name: limits
      exchange: 2016
      appliances:
        primary: { hostname: lb1, address: 192.168.30.5/24 }
        secondary: { hostname: lb2, address: 192.168.30.6/24 }
        admin-password: ${env:LB_ADMIN_PASSWORD}
      servers:
        - { name: MBOX1, address: 192.168.30.20 }
      namespaces:
        - { host: mail.example.com, service: MBOX-HTTPS, purpose: [owa] }
        - { host: autodiscover.example.com, service: MBOX-HTTPS, purpose: [autodiscover] }
      services:
        - name: MBOX-HTTPS
          vip: 192.168.30.10
          ports: [443]
          mode: dr
          health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
          real-servers: [{ server: MBOX1, LIMITS }]
        - name: MBOX-SMTP
          vip: 192.168.30.10
          ports: [25]
          mode: dr
          real-servers: [{ server: MBOX1 }]
      """;

  private static Cli.Run build(Path tmp, String limits) throws Exception {
    Path src = tmp.resolve("limits.yaml");
    Files.writeString(src, DEPLOYMENT.replace("LIMITS", limits));
    return Cli.lbc("build", src.toString(), "-o", tmp.resolve("out").toString());
  }

  @Test
  void layer4MinimumConnectionsBecomeTheLowerThreshold(@TempDir Path tmp) throws Exception {
    Cli.Run run = build(tmp, "max-connections: 1000, min-connections: 800");
    assertEquals(0, run.exit(), run.out() + run.err());
    String conf = Files.readString(tmp.resolve("out/appliances/lb1/keepalived.conf"));
    assertTrue(conf.contains("uthreshold 1000"), conf);
    assertTrue(conf.contains("lthreshold 800"), conf);
  }

  @Test
  void minimumConnectionsWithoutAMaximumIsRefusedWhereWritten(@TempDir Path tmp) throws Exception {
    Cli.Run run = build(tmp, "min-connections: 800");
    String all = run.out() + run.err();
    assertEquals(1, run.exit(), all);
    assertTrue(all.contains("limits.yaml:19:"), all);
    assertTrue(all.contains("min-connections"), all);
    assertTrue(all.contains("max-connections"), all);
  }
}
