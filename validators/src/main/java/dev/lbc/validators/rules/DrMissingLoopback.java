package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Arp;
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
import java.util.Set;

/** LBC103: a DR real server prepared by hand without the VIP on its loopback adapter. */
public final class DrMissingLoopback implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC103",
          "dr-missing-loopback",
          Severity.ERROR,
          "DR real server without the VIP on its loopback adapter",
          """
          In DR mode packets reach the real server still addressed to the VIP. Each real server
          must accept traffic for the VIP (a loopback adapter carrying the VIP) without answering
          ARP for it: "solving the ARP problem". With `arp: generate` (the default) lbc build
          writes the scripts that do this; with `arp: manual` you state which VIPs are already on
          the loopback adapter, and a DR VIP missing from that list means the server drops the
          service's traffic.
          """,
          "Add the VIP to the server's `loopback:` list once it is configured there, or set"
              + " `arp: generate` and run the generated prepare script.",
          "Exchange 2016 guide §15.6 \"Solving the ARP Problem\" and §15.3.1 \"Layer 4 DR Mode"
              + " – Solving the ARP Problem\"; Exchange 2013 guide §16 Appendix 6 \"Solving the ARP"
              + " Problem\"",
          Example.mark(
              Example.deployment(
                  "",
                  Example.APPLIANCES,
                  """
              servers:
                - { name: MBOX1, address: 192.168.30.20, arp: manual, loopback: [] }
                - { name: MBOX2, address: 192.168.30.21 }
              """,
                  Example.DR_HTTPS + Example.SMTP),
              "[{ server: MBOX1 }, { server: MBOX2 }]",
              "LBC103"),
          Example.deployment(
              "",
              Example.APPLIANCES,
              """
              servers:
                - { name: MBOX1, address: 192.168.30.20, arp: manual, loopback: [192.168.30.10] }
                - { name: MBOX2, address: 192.168.30.21 }
              """,
              Example.DR_HTTPS + Example.SMTP));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Topology topology = Topology.of(context);
    Set<String> reported = new HashSet<>();
    for (Topology.Membership m : topology.members(EnumSet.of(Mode.DR))) {
      Service s = m.service();
      RealServer r = m.real();
      Server server = m.server();
      if (server.arp() != Arp.MANUAL
          || server.loopback().contains(s.vip())
          || !reported.add(server.name() + "|" + s.vip())) {
        continue;
      }
      context.report(
          context
              .at(
                  r.src().of("server"),
                  "DR real server "
                      + server.name()
                      + " does not have VIP "
                      + s.vip().text()
                      + " on its loopback adapter")
              .withLabel("in DR service " + s.name())
              .withSecondary(
                  server.src().has("loopback")
                      ? server.src().of("loopback")
                      : server.src().of("arp"),
                  "arp: manual, and the VIP is not listed here")
              .withHelp(
                  "add "
                      + s.vip().text()
                      + " to `loopback:` of "
                      + server.name()
                      + " once configured, or use `arp: generate`"));
    }
  }
}
