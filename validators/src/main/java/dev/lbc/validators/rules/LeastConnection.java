package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Balance;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC202: least-connection balancing for Exchange. */
public final class LeastConnection implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC202",
          "least-connection",
          Severity.WARNING,
          "Least-connection balancing; round robin is recommended for Exchange",
          """
          Microsoft recommends round robin rather than least connection: when a server comes
          back online, least connection sends it every new connection at once until it catches
          up, which can overload it.
          """,
          "Use `balance: weighted-round-robin` (the default) or `round-robin`.",
          "Exchange 2013 guide §10 and §11, the note at \"Set Balance mode to Weighted Round"
              + " Robin\" (\"Microsoft recommends that 'Round Robin' rather than 'Least Connection'"
              + " should be used\"); Exchange 2016 guide §9.2.2 and §10.2.1, the same note",
          Example.with(
              """
                - { name: MBOX-POP3, vip: 192.168.30.10, ports: [110], mode: snat, balance: least-connection, real-servers: [{ server: MBOX1 }] }  # ~ LBC202
              """),
          Example.with(
              """
                - { name: MBOX-POP3, vip: 192.168.30.10, ports: [110], mode: snat, balance: round-robin, real-servers: [{ server: MBOX1 }] }
              """));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Service s : deployment.services()) {
      if (s.balance() == Balance.LEAST_CONNECTION
          || s.balance() == Balance.WEIGHTED_LEAST_CONNECTION) {
        context.report(
            context
                .at(
                    s.src().of("balance"),
                    "service " + s.name() + " balances by " + s.balance().word())
                .withNote("a server coming back online would receive every new connection")
                .withHelp("use weighted-round-robin"));
      }
    }
  }
}
