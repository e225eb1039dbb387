package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC109: a service whose every real server has weight 0. */
public final class NoServingMember implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC109",
          "no-serving-member",
          Severity.ERROR,
          "A service whose every real server has weight 0",
          """
          Weight 0 halts a real server: it keeps its open connections and receives no new ones,
          on layer 4 (IPVS) and layer 7 alike. One halted server is a drain; every server halted
          is a VIP that accepts connections and serves none, and keepalived reports the service
          as having no weight at all. That is a maintenance state to set at run time, not one to
          ship in the deployment.
          """,
          "Give at least one real server a weight above 0 (100 is the guides' default), or remove"
              + " the service.",
          "Exchange 2016 guide §12.2.1 \"Using System Overview\" (a halted real server),"
              + " §12.1.3 \"Testing SMTP Mail flow using Telnet\" (halting all the others); both"
              + " guides' real-server steps (\"Weight 100\")",
          Example.with(
              """
                - { name: MBOX-POP3, vip: 192.168.30.10, ports: [110], mode: snat, real-servers: [{ server: MBOX1, weight: 0 }] }  # ~ LBC109
              """),
          Example.with(
              """
                - { name: MBOX-POP3, vip: 192.168.30.10, ports: [110], mode: snat, real-servers: [{ server: MBOX1, weight: 0 }, { server: MBOX2 }] }
              """));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Service s : deployment.services()) {
      if (s.realServers().isEmpty()) {
        if (s.redirect() != null) {
          continue; // a redirect answers every request itself (the guide's HTTP to HTTPS redirect)
        }
        // keepalived refuses a virtual_server without real servers; HAProxy would answer 503
        context.report(
            context
                .at(s.src().of("real-servers"), "service " + s.name() + " has no real servers")
                .withNote("the VIP would accept connections and send them nowhere")
                .withHelp("list the Exchange servers that serve it under `real-servers`"));
        continue;
      }
      if (!s.realServers().stream().allMatch(r -> Integer.valueOf(0).equals(r.weight()))) {
        continue;
      }
      RealServer first = s.realServers().get(0);
      context.report(
          context
              .at(
                  first.src().of("weight"),
                  "every real server of service " + s.name() + " has weight 0")
              .withLabel("real server " + first.server() + " halted")
              .withNote("the VIP would accept connections and send them nowhere")
              .withHelp("give at least one real server a weight above 0, such as 100"));
    }
  }
}
