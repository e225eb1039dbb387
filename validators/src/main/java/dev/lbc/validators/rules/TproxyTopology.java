package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Server;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.compiler.value.IpNetwork;
import dev.lbc.validators.net.Topology;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** LBC106: TPROXY real servers in the VIP's subnet, or not routed through the appliance. */
public final class TproxyTopology implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC106",
          "tproxy-topology",
          Severity.ERROR,
          "TPROXY real server in the VIP's subnet, or its gateway not on the appliance",
          """
          With TPROXY the appliance connects to the real server using the client's own address.
          The server's reply must come back through the appliance, so the servers sit on a
          different subnet from the VIP (a two-arm setup) and their default gateway is an
          address on the appliance. In a clustered pair that address must be a floating IP: the
          primary's own address is gone after a failover, and every connection with it. A
          single appliance may use its own address. A server in the VIP's subnet answers
          clients directly and the connections break.
          """,
          "Move the servers to the appliance's second arm (another subnet) and set their"
              + " `gateway:` to a floating IP on that arm.",
          "Exchange 2016 guide §15.2 \"Enabling Layer 7 Transparency using TPROXY\" (2-arm key"
              + " points 1 and 2); Exchange 2013 guide §16 Appendix 1 \"Enabling Layer 7"
              + " Transparency using TProxy\" (\"For a clustered pair of load balancers, an"
              + " additional floating IP should be used for this purpose\")",
          Example.mark(
              tproxyExample("192.168.30.20", "192.168.30.1"),
              "[{ server: MBOX1, port: 443 }]",
              "LBC106"),
          tproxyExample("10.0.0.20", "10.0.0.1"));

  private static String tproxyExample(String address, String gateway) {
    return Example.deployment(
        "",
        Example.APPLIANCES
            + "  floating-ips: [10.0.0.1/24, 192.168.30.1/24]\n"
            + "  interfaces: [{ name: eth1, address: 10.0.0.5/24, secondary-address:"
            + " 10.0.0.6/24 }]\n",
        "servers:\n  - { name: MBOX1, address: " + address + ", gateway: " + gateway + " }\n",
        """
          - name: MBOX-HTTPS
            vip: 192.168.30.10
            ports: [443]
            mode: tproxy
            health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
            real-servers: [{ server: MBOX1, port: 443 }]
          - name: MBOX-SMTP
            vip: 192.168.30.10
            ports: [25]
            mode: tproxy
            real-servers: [{ server: MBOX1, port: 25 }]
        """);
  }

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Topology topology = Topology.of(context);
    Set<String> reported = new HashSet<>();
    for (Topology.Membership m : topology.members(EnumSet.of(Mode.TPROXY))) {
      Service s = m.service();
      RealServer r = m.real();
      Server server = m.server();
      IpNetwork vipNet = topology.networkOf(s.vip());
      if (!reported.add(server.name().toLowerCase(Locale.ROOT) + "|" + s.vip())) {
        continue;
      }
      if (vipNet != null && vipNet.contains(server.address())) {
        context.report(
            context
                .at(
                    r.src().of("server"),
                    "TPROXY real server "
                        + server.name()
                        + " ("
                        + server.address().text()
                        + ") is in the VIP's subnet "
                        + vipNet.network().text()
                        + "/"
                        + vipNet.prefix())
                .withLabel("in TPROXY service " + s.name())
                .withSecondary(s.src().of("vip"), "VIP")
                .withHelp("put the servers on another subnet behind the appliance (two-arm)"));
      }
      boolean derived = server.gateway() == null && Planner.gateway(server, deployment) != null;
      if (!derived
          && (server.gateway() == null || !topology.isApplianceGateway(server.gateway()))) {
        String owner =
            server.gateway() == null ? null : topology.applianceAddressOwner(server.gateway());
        context.report(
            context
                .at(
                    server.gateway() != null ? server.src().of("gateway") : server.src().node(),
                    server.gateway() == null
                        ? "TPROXY real server " + server.name() + " declares no gateway"
                        : "TPROXY real server "
                            + server.name()
                            + " uses gateway "
                            + server.gateway().text()
                            + (owner != null
                                ? ", the own address of "
                                    + owner
                                    + ": after a failover the other appliance does not hold it"
                                : ", which is not on the appliance"))
                .withSecondary(r.src().of("server"), "used by TPROXY service " + s.name())
                .withHelp(
                    topology.isPair()
                        ? "set `gateway:` to a floating IP of the appliances on the servers'"
                            + " network"
                        : "set `gateway:` to the appliance's address on the servers' network"));
      }
    }
  }
}
