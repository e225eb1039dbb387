package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Server;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.validators.net.Topology;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** LBC105: a NAT real server whose default gateway is not a floating IP. */
public final class NatGatewayNotFloating implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC105",
          "nat-gateway-not-floating",
          Severity.ERROR,
          "NAT real server whose gateway is not the appliance (a floating IP in a pair)",
          """
          In layer 4 NAT mode replies must pass back through the appliance to be translated, so
          every real server's default gateway must be the appliance. A single appliance may use
          one of its own addresses. In a clustered pair it must be a floating IP, not an
          interface address: after a failover the secondary holds the floating IPs but never the
          primary's own address, and replies would go nowhere. A server without `gateway:` gets
          the floating IP on its network (a single appliance: the appliance's own address on it),
          which its prepare.ps1 sets; one on a network with neither is reported.
          """,
          "Set the server's `gateway:` to an address listed in `appliances.floating-ips` (or, for"
              + " a single appliance, to one of its own addresses).",
          "Exchange 2013 guide §8 \"Configuring Exchange 2013 for Load Balancing\", step 8"
              + " \"Additional Configuration Steps\", NAT Mode (\"the default gateway on each"
              + " Exchange Server MUST be set to be the loadbalancer. It's recommended that a"
              + " floating IP address is used rather than the interface IP address\"); the same for"
              + " TPROXY in Exchange 2016 guide §15.2 (2-arm key point 2)",
          Example.mark(natExample("192.168.30.5"), "gateway: 192.168.30.5", "LBC105"),
          natExample("192.168.30.1"));

  private static String natExample(String gateway) {
    return Example.deployment(
        "",
        Example.APPLIANCES + "  floating-ips: [192.168.30.1/24]\n",
        "servers:\n  - { name: MBOX1, address: 192.168.30.20, gateway: "
            + gateway
            + " }\n"
            + "  - { name: MBOX2, address: 192.168.30.21, gateway: 192.168.30.1 }\n",
        """
          - name: MBOX-HTTPS
            vip: 192.168.30.10
            ports: [443]
            mode: nat
            health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
            real-servers: [{ server: MBOX1 }, { server: MBOX2 }]
        """
            + Example.SMTP);
  }

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Topology topology = Topology.of(context);
    Set<String> reported = new HashSet<>();
    for (Topology.Membership m : topology.members(EnumSet.of(Mode.NAT))) {
      Service s = m.service();
      RealServer r = m.real();
      Server server = m.server();
      if (!reported.add(server.name().toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (server.gateway() == null && Planner.gateway(server, deployment) != null) {
        continue; // the floating IP (or single appliance) on its network: prepare.ps1 sets it
      }
      if (server.gateway() == null) {
        context.report(
            context
                .at(
                    server.src().node(),
                    "NAT real server " + server.name() + " declares no gateway")
                .withSecondary(r.src().of("server"), "used by NAT service " + s.name())
                .withHelp(
                    topology.isPair()
                        ? "add `gateway:` with a floating IP of the appliances"
                        : "add `gateway:` with the appliance's address or a floating IP"));
        continue;
      }
      if (topology.isApplianceGateway(server.gateway())) {
        continue;
      }
      String owner = topology.applianceAddressOwner(server.gateway());
      Diagnostic d =
          context
              .at(
                  server.src().of("gateway"),
                  "NAT real server "
                      + server.name()
                      + " uses gateway "
                      + server.gateway().text()
                      + (topology.isPair()
                          ? ", which is not a floating IP"
                          : ", which is not an address of the appliance"))
              .withSecondary(r.src().of("server"), "used by NAT service " + s.name());
      if (owner != null) {
        d =
            d.withNote(
                "it is the address of "
                    + owner
                    + ": after a failover the other appliance does not hold it");
      }
      context.report(
          d.withHelp(
              deployment.appliances().floatingIps().isEmpty()
                  ? "add a floating IP under `appliances.floating-ips` and use it as the gateway"
                  : "use a floating IP, e.g. "
                      + deployment.appliances().floatingIps().get(0).address().text()));
    }
  }
}
