package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC101: a DR real server on a different port than the VIP. */
public final class DrPortTranslation implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC101",
          "dr-port-translation",
          Severity.ERROR,
          "Port translation in DR mode",
          """
          In layer 4 DR mode the appliance only rewrites the destination MAC address: the packet
          reaches the real server with the VIP's address and port unchanged, so the server must
          listen on the VIP's port. A real-server port that differs (or any explicit port on a
          service with several ports, such as IMAP4 on 143 and 993) cannot work. Omitting the
          port means "the client's port" and is always right.
          """,
          "Remove the real server's port (or use the VIP's port), or use layer 7 SNAT mode, which"
              + " can translate ports.",
          "Exchange 2013 guide §7 \"Load Balancing Exchange 2013\", \"Layer 4 DR Mode\" (\"Port"
              + " translation is not possible in DR mode\"); Exchange 2016 guide §6.9.2 \"Layer 4 DR"
              + " Mode\" (\"Port translation is not possible with DR mode\")",
          Example.withServices(
              """
                - name: MBOX-HTTPS
                  vip: 192.168.30.10
                  ports: [443]
                  mode: dr
                  health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
                  real-servers: [{ server: MBOX1, port: 8443 }]  # ~ LBC101
              """
                  + Example.SMTP),
          Example.withServices(
              """
                - name: MBOX-HTTPS
                  vip: 192.168.30.10
                  ports: [443]
                  mode: dr
                  health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
                  real-servers: [{ server: MBOX1 }]
              """
                  + Example.SMTP));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Service s : deployment.services()) {
      if (s.mode() != Mode.DR) {
        continue;
      }
      for (RealServer r : s.realServers()) {
        Integer port = r.port();
        if (port == null || (s.ports().size() == 1 && s.ports().get(0).equals(port))) {
          continue;
        }
        String vipPorts =
            s.ports().size() == 1
                ? String.valueOf(s.ports().get(0))
                : s.ports().toString().replaceAll("[\\[\\] ]", "");
        context.report(
            context
                .at(
                    r.src().of("port"),
                    "DR mode cannot translate ports (VIP "
                        + vipPorts
                        + " → real server "
                        + port
                        + ")")
                .withLabel("real server " + r.server())
                .withSecondary(s.src().of("mode"), "DR mode")
                .withHelp(
                    s.ports().size() == 1
                        ? "use port "
                            + vipPorts
                            + " on the real server (or omit it), or layer 7"
                            + " SNAT mode"
                        : "omit the real server's port so each VIP port is kept, or use layer 7"
                            + " SNAT mode"));
      }
    }
  }
}
