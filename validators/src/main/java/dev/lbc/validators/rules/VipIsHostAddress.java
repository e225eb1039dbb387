package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Server;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.source.Span;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.validators.net.Topology;
import java.util.HashMap;
import java.util.Map;

/** LBC108: a VIP that is the address of a real server or an appliance. */
public final class VipIsHostAddress implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC108",
          "vip-is-host-address",
          Severity.ERROR,
          "A VIP equal to a real server or appliance address",
          """
          A VIP is an extra address the active appliance brings up and moves on failover. If it
          is a real server's own address (RIP), two hosts answer ARP for it; if it is an
          appliance's own address, it cannot move to the secondary and the service is lost with
          that appliance.
          """,
          "Give the service an unused address in the same subnet as its VIP.",
          "Exchange 2016 guide §6.7 \"Load Balancer Deployment Concept\" (clients connect to"
              + " the VIPs rather than directly to one of the Exchange servers); Exchange 2013 guide"
              + " §7 \"Load Balancer Deployment\"",
          Example.with(
              """
                - name: MBOX-POP3
                  vip: 192.168.30.21  # ~ LBC108
                  ports: [110]
                  mode: snat
                  real-servers: [{ server: MBOX1 }]
              """),
          Example.with(
              """
                - name: MBOX-POP3
                  vip: 192.168.30.11
                  ports: [110]
                  mode: snat
                  real-servers: [{ server: MBOX1 }]
              """));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Topology topology = Topology.of(context);
    Map<IpAddress, Server> servers = new HashMap<>();
    for (Server s : deployment.servers()) {
      servers.putIfAbsent(s.address(), s);
    }
    for (Service s : deployment.services()) {
      Server server = servers.get(s.vip());
      String owner = topology.applianceAddressOwner(s.vip());
      if (server == null && owner == null) {
        continue;
      }
      Span other = server != null ? server.src().of("address") : null;
      String what =
          server != null ? "the address of server " + server.name() : "the address of " + owner;
      var d =
          context
              .at(
                  s.src().of("vip"),
                  "VIP " + s.vip().text() + " of service " + s.name() + " is " + what)
              .withHelp("use an unused address for the VIP");
      context.report(other != null ? d.withSecondary(other, "server address") : d);
    }
  }
}
