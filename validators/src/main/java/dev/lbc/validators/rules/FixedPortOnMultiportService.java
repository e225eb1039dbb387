package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import java.util.Locale;

/**
 * LBC116: a real server with a fixed port on a service that listens on several ports. DR services
 * are left to LBC101, which already reports any real-server port there.
 */
public final class FixedPortOnMultiportService implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC116",
          "fixed-port-on-multiport-service",
          Severity.ERROR,
          "A real server with a fixed port on a service with several ports",
          """
          A service with several ports (IMAP4 on 143 and 993, POP3 on 110 and 995) sends each
          connection to the real server on the port the client used, as long as the real
          server's port is left out. A fixed port sends every connection to that one port:
          IMAPS clients on 993 reach the plain IMAP4 port 143, start a TLS handshake that the
          server answers in clear text, and fail. The guides leave the real server's port blank
          for these services for that reason. A service that offloads SSL is exempt: the
          appliance ends TLS on every port, so all its ports carry the same protocol, and a
          fixed port on the server is how it reaches the one HTTPS (or HTTP) listener.
          """,
          "Remove `port:` from the real server, so that each VIP port is kept, or split the"
              + " service into one service per port.",
          "Exchange 2013 guide §11 \"Appliance Configuration for Exchange 2013 – Using SNAT"
              + " Mode\", \"Configure VIP2 – CAS Role IMAP4/POP3 Services\" (\"Leave the Real"
              + " Server Port field blank\"); Exchange 2016 guide §9.2.2 \"Configure VIP2 -"
              + " Mailbox Server Role IMAP4/POP3 Services\"",
          imap4("[{ server: MBOX1, port: 143 }]  # ~ LBC116"),
          imap4("[{ server: MBOX1 }]"));

  private static String imap4(String realServers) {
    return Example.withServices(
        Example.HTTPS
            + "  - name: MBOX-IMAP4\n"
            + "    vip: 192.168.30.10\n"
            + "    ports: [143, 993]\n"
            + "    mode: snat\n"
            + "    real-servers: "
            + realServers
            + "\n"
            + Example.SMTP);
  }

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Service s : deployment.services()) {
      // DR: LBC101 reports the port; SSL offload: every port ends as the same protocol
      if (s.mode() == Mode.DR || s.ports().size() < 2 || s.ssl() != null) {
        continue;
      }
      for (RealServer r : s.realServers()) {
        if (r.port() == null) {
          continue;
        }
        String ports = s.ports().toString().replaceAll("[\\[\\] ]", "");
        context.report(
            context
                .at(
                    r.src().of("port"),
                    "real server "
                        + r.server()
                        + " has fixed port "
                        + r.port()
                        + " on service "
                        + s.name()
                        + ", which listens on "
                        + ports
                        + ": every connection reaches port "
                        + r.port())
                .withSecondary(
                    s.src().of("ports"),
                    s.mode().word().toUpperCase(Locale.ROOT) + " service with several ports")
                .withHelp("remove `port:` so that each connection keeps the port it came in on"));
      }
    }
  }
}
