package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Persistence;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC201: session affinity on an Exchange 2013+ service. */
public final class PersistenceSet implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC201",
          "persistence-set",
          Severity.WARNING,
          "Persistence set; Exchange 2013 and later need no affinity",
          """
          Since Exchange 2013 the Client Access front end authenticates each request and proxies
          it to the Mailbox server holding the active database copy, so any server can take any
          request. Persistence only skews the load and keeps clients on a server that is being
          drained.
          """,
          "Remove `persistence` (or set it to none).",
          "Exchange 2016 guide §6.2 \"Persistence (aka Server Affinity)\"; Exchange 2013 guide"
              + " §7 \"Load Balancing Exchange 2013\", \"Persistence (aka Server Affinity)\"",
          Example.with(
              """
                - { name: MBOX-POP3, vip: 192.168.30.10, ports: [110], mode: snat, persistence: source-ip, real-servers: [{ server: MBOX1 }] }  # ~ LBC201
              """),
          Example.with(
              """
                - { name: MBOX-POP3, vip: 192.168.30.10, ports: [110], mode: snat, persistence: none, real-servers: [{ server: MBOX1 }] }
              """));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Service s : deployment.services()) {
      if (s.persistence() != null && s.persistence() != Persistence.NONE) {
        context.report(
            context
                .at(
                    s.src().of("persistence"),
                    "service "
                        + s.name()
                        + " sets "
                        + s.persistence().word()
                        + " persistence, which Exchange does not need")
                .withHelp("remove `persistence`"));
      }
    }
  }
}
