package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.source.Span;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.compiler.value.IpAddress;
import java.util.HashMap;
import java.util.Map;

/** LBC107: two services listening on the same VIP and port. */
public final class DuplicateListener implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC107",
          "duplicate-listener",
          Severity.ERROR,
          "The same VIP:port served by two services",
          """
          Every service listens on its VIP and ports over TCP; two services on one VIP:port
          cannot both bind, and HAProxy or LVS would refuse the configuration or send clients to
          the wrong pool. Addresses are compared as numbers, so `::ffff:192.168.30.10` and
          `192.168.30.10` are the same VIP.
          """,
          "Give one of the services another VIP or port, or merge them into one service.",
          "Exchange 2016 guide §6.8 \"Virtual Service (VIP) Requirements\" and §9.2.1-9.2.3"
              + " (one VIP per service: HTTPS, IMAP4/POP3 and SMTP share 192.168.30.10 on different"
              + " ports)",
          Example.with(
              """
                - name: MBOX-SMTP2
                  vip: "::ffff:192.168.30.10"
                  ports: [587, 25]  # ~ LBC107
                  mode: snat
                  lockdown: { allow: [192.168.30.50] }
                  real-servers: [{ server: MBOX1 }]
              """),
          Example.with(
              """
                - name: MBOX-SMTP2
                  vip: "::ffff:192.168.30.10"
                  ports: [587]
                  mode: snat
                  lockdown: { allow: [192.168.30.50] }
                  real-servers: [{ server: MBOX1 }]
              """));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  private record First(Service service, Span port) {}

  /** A TCP listener: every service is TCP, so address and port identify it. */
  private record Listener(IpAddress vip, int port) {
    // written out: the record's generated equals and hashCode bootstrap method handles on first
    // use, milliseconds of every cold lint
    @Override
    public boolean equals(Object o) {
      return o instanceof Listener l && port == l.port && vip.equals(l.vip);
    }

    @Override
    public int hashCode() {
      return 31 * vip.hashCode() + port;
    }
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Map<Listener, First> listeners = new HashMap<>();
    for (Service s : deployment.services()) {
      for (int i = 0; i < s.ports().size(); i++) {
        Listener key = new Listener(s.vip(), s.ports().get(i));
        Span at = s.src().item("ports", i);
        First first = listeners.putIfAbsent(key, new First(s, at));
        if (first != null) {
          context.report(
              context
                  .at(
                      at,
                      "VIP "
                          + s.vip().text()
                          + " port "
                          + s.ports().get(i)
                          + " is already served by service "
                          + first.service().name())
                  .withLabel("second listener")
                  .withSecondary(first.port(), "first listener, in " + first.service().name())
                  .withHelp("use another port or VIP, or merge the two services"));
        }
      }
    }
  }
}
