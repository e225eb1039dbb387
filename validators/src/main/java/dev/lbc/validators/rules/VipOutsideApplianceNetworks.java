package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.validators.net.Topology;
import java.util.Locale;

/** LBC115: a DR or NAT VIP in no network the appliances have an interface in. */
public final class VipOutsideApplianceNetworks implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC115",
          "vip-outside-appliance-networks",
          Severity.ERROR,
          "A DR or NAT VIP in no network of the appliances",
          """
          A layer 4 VIP is answered by the appliance itself: it replies to ARP for the VIP on the
          interface whose subnet holds it, and LVS takes the packets from there. A VIP in none of
          the appliances' networks has no such interface; lbc would bring it up as a host
          address (/32, /128) on the main interface, no router sends its traffic there, and no
          client ever reaches the service. The guides put the VIP on the real servers' subnet or
          on another subnet the appliance has an interface in. (A layer 7 VIP is a local
          address HAProxy listens on, which a router may route to the appliance; this rule leaves
          it alone.)
          """,
          "Use a VIP in one of the appliances' networks, or add the interface that holds it under"
              + " `appliances.interfaces`.",
          "Exchange 2013 guide §7 \"Load Balancer Deployment Modes\", \"Layer 4 DR Mode\" (\"The"
              + " VIP can be brought up on the same subnet as the Real Servers, or on a different"
              + " subnet provided that the load balancer has an interface in that subnet\"); Exchange"
              + " 2016 guide §6.9.2 \"Layer 4 DR Mode\"",
          Example.mark(
              Example.withServices(
                  Example.DR_HTTPS.replace("vip: 192.168.30.10", "vip: 10.9.0.10") + Example.SMTP),
              "vip: 10.9.0.10",
              "LBC115"),
          Example.withServices(Example.DR_HTTPS + Example.SMTP));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Topology topology = Topology.of(context);
    for (Service s : deployment.services()) {
      if ((s.mode() != Mode.DR && s.mode() != Mode.NAT) || topology.networkOf(s.vip()) != null) {
        continue;
      }
      context.report(
          context
              .at(
                  s.src().of("vip"),
                  s.mode().word().toUpperCase(Locale.ROOT)
                      + " VIP "
                      + s.vip().text()
                      + " of "
                      + s.name()
                      + " is in no network of the appliances: no interface answers for it")
              .withSecondary(s.src().of("mode"), "layer 4")
              .withNote("the appliances' networks: " + topology.applianceNetworksText())
              .withHelp(
                  "use a VIP in one of those networks, or add its interface under"
                      + " `appliances.interfaces`"));
    }
  }
}
