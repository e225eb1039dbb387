package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Server;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.validators.net.Topology;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** LBC104: a DR or NAT real server on a network the appliances have no address in. */
public final class NoApplianceInterfaceInSubnet implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC104",
          "no-appliance-interface-in-subnet",
          Severity.ERROR,
          "DR or NAT real server outside every appliance network",
          """
          DR mode forwards a packet by rewriting its destination MAC address, so the appliance
          must reach the real server on the same layer 2 network. NAT mode routes replies back
          through the appliance, so the appliance needs an address (an interface or a floating
          IP) on the real server's network to be its gateway. A real server whose address is in
          none of the appliances' networks cannot be reached in either mode.
          """,
          "Put the real server on a network the appliance has an interface in (add it under"
              + " `appliances.interfaces`), or use layer 7 SNAT, which routes like any client.",
          "Exchange 2013 guide §7 \"Load Balancing Exchange 2013\", \"Layer 4 DR Mode\" (\"The"
              + " load balancer must have an Interface in the same subnet as the Real Servers\");"
              + " Exchange 2016 guide §6.9.2 \"Layer 4 DR Mode\"",
          Example.mark(
              Example.deployment(
                  "",
                  Example.APPLIANCES,
                  """
              servers:
                - { name: MBOX1, address: 10.9.0.20 }
                - { name: MBOX2, address: 192.168.30.21 }
              """,
                  Example.DR_HTTPS + Example.SMTP),
              "[{ server: MBOX1 }, { server: MBOX2 }]",
              "LBC104"),
          Example.deployment(
              "", Example.APPLIANCES, Example.SERVERS, Example.DR_HTTPS + Example.SMTP));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Topology topology = Topology.of(context);
    Set<String> reported = new HashSet<>();
    for (Topology.Membership m : topology.members(EnumSet.of(Mode.DR, Mode.NAT))) {
      Service s = m.service();
      RealServer r = m.real();
      Server server = m.server();
      if (topology.networkOf(server.address()) != null
          || !reported.add(server.name() + "|" + s.mode())) {
        continue;
      }
      context.report(
          context
              .at(
                  r.src().of("server"),
                  s.mode().word().toUpperCase(Locale.ROOT)
                      + " real server "
                      + server.name()
                      + " ("
                      + server.address().text()
                      + ") is on no network the appliances have an address in")
              .withLabel("in " + s.mode().word().toUpperCase(Locale.ROOT) + " service " + s.name())
              .withSecondary(
                  server.src().of("address"), "not in " + topology.applianceNetworksText())
              .withHelp(
                  "add an appliance interface on the server's network under"
                      + " `appliances.interfaces`, or use layer 7 SNAT"));
    }
  }
}
