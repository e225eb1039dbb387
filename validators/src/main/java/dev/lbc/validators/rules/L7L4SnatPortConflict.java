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
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.validators.net.Topology;
import java.util.HashMap;
import java.util.Map;

/** LBC102: one RIP:PORT behind both a layer 7 SNAT and a layer 4 SNAT service. */
public final class L7L4SnatPortConflict implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC102",
          "snat-rip-port-conflict",
          Severity.ERROR,
          "The same RIP:PORT behind a layer 7 SNAT service and a layer 4 SNAT service",
          """
          Layer 4 SNAT is done with LVS plus firewall (SNAT) rules for each real server address
          and port; a layer 7 SNAT service connects from the appliance to the same real server
          address and port through HAProxy. When both use one RIP:PORT, the layer 4 service's
          firewall rules also match the proxy's connections and the two services break each
          other. A layer 7 service with no real-server port uses each of its VIP ports.
          """,
          "Use a different port on the real server for one of the services, or run both at the"
              + " same layer.",
          "Exchange 2016 guide §6.9.1 \"Layer 7 SNAT Mode\" (\"You should not use the same"
              + " RIP:PORT combination for layer 7 SNAT mode VIPs and layer 4 SNAT mode VIPs because"
              + " the required firewall rules conflict\")",
          Example.with(
              """
                - name: MBOX-HTTPS-L4
                  vip: 192.168.30.11
                  ports: [8443]
                  mode: snat
                  layer: 4
                  real-servers: [{ server: MBOX1, port: 443 }]  # ~ LBC102
              """),
          Example.with(
              """
                - name: MBOX-HTTPS-L4
                  vip: 192.168.30.11
                  ports: [8443]
                  mode: snat
                  layer: 4
                  real-servers: [{ server: MBOX1, port: 4443 }]
              """));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  private record Use(Service service, RealServer real) {}

  /** A real server address and port. */
  record RipPort(IpAddress address, int port) {
    // written out: the record's generated equals and hashCode bootstrap method handles on first
    // use, milliseconds of every cold lint
    @Override
    public boolean equals(Object o) {
      return o instanceof RipPort r && port == r.port && address.equals(r.address);
    }

    @Override
    public int hashCode() {
      return 31 * address.hashCode() + port;
    }

    @Override
    public String toString() {
      return (address.isV6() ? "[" + address.text() + "]" : address.text()) + ":" + port;
    }
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Topology topology = Topology.of(context);
    Map<RipPort, Use> layer7 = new HashMap<>();
    for (Service s : deployment.services()) {
      if (s.mode() == Mode.SNAT && s.effectiveLayer() == 7) {
        forEachRipPort(s, topology, (key, r) -> layer7.putIfAbsent(key, new Use(s, r)));
      }
    }
    for (Service s : deployment.services()) {
      if (s.mode() == Mode.SNAT && s.effectiveLayer() == 4) {
        forEachRipPort(
            s,
            topology,
            (key, r) -> {
              Use other = layer7.get(key);
              if (other != null) {
                context.report(
                    context
                        .at(
                            r.src().node(),
                            "real server "
                                + key
                                + " is used by layer 4 SNAT service "
                                + s.name()
                                + " and layer 7 SNAT service "
                                + other.service().name())
                        .withLabel("layer 4 SNAT")
                        .withSecondary(other.real().src().node(), "layer 7 SNAT, same RIP:PORT")
                        .withHelp("give one of the services another real-server port"));
              }
            });
      }
    }
  }

  /** Calls {@code action} with each address and port each real server receives. */
  static void forEachRipPort(
      Service s, Topology topology, java.util.function.BiConsumer<RipPort, RealServer> action) {
    for (RealServer r : s.realServers()) {
      Server server = topology.server(r.server());
      if (server == null) {
        continue;
      }
      if (r.port() != null) {
        action.accept(new RipPort(server.address(), r.port()), r);
      } else {
        for (int port : s.ports()) {
          action.accept(new RipPort(server.address(), port), r);
        }
      }
    }
  }
}
