package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Namespace;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.validators.net.Topology;

/** LBC213: a layer 4 HTTPS service behind a namespace used for several protocols. */
public final class Layer4HttpsOneNamespace implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC213",
          "layer4-https-one-namespace",
          Severity.WARNING,
          "Layer 4 HTTPS service behind one namespace: one probe decides for every protocol",
          """
          At layer 4 the appliance cannot see which virtual directory a request is for, so one
          health check (usually /owa/healthcheck.htm) decides for OWA, EWS, ActiveSync, MAPI and
          the rest. A server whose EWS is down but whose OWA is up keeps receiving EWS clients.
          The guides accept this for simplicity, or use one namespace and VIP per protocol for
          granular checks.
          """,
          "Use one namespace and service per protocol, each checking its own healthcheck.htm, or"
              + " use layer 7, or suppress with the reason the trade-off is accepted.",
          "Exchange 2016 guide §6.5 \"HTTPS Namespaces & IP addresses\" (example 1 note 3,"
              + " example 2 note 3)",
          Example.withServices(
                  """
                - name: MBOX-HTTPS
                  vip: 192.168.30.10
                  ports: [443]
                  mode: dr
                  health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
                  real-servers: [{ server: MBOX1 }]
              """
                      + Example.SMTP)
              .replace("purpose: [owa] }", "purpose: [owa, ews, activesync] }  # ~ LBC213"),
          Example.withServices(
              """
                - name: MBOX-HTTPS
                  vip: 192.168.30.10
                  ports: [443]
                  mode: dr
                  health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
                  real-servers: [{ server: MBOX1 }]
              """
                  + Example.SMTP));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Topology topology = Topology.of(context);
    for (Namespace n : deployment.namespaces()) {
      Service s = topology.service(n.service());
      if (s != null
          && s.effectiveLayer() == 4
          && s.ports().contains(443)
          && n.purposes().size() > 1) {
        context.report(
            context
                .at(
                    n.src().of("purpose"),
                    "namespace "
                        + n.host()
                        + " carries "
                        + n.purposes().size()
                        + " protocols to layer 4 service "
                        + s.name()
                        + ", which one health check decides for")
                .withSecondary(s.src().of("mode"), "layer 4")
                .withHelp(
                    "split the namespace per protocol, or accept it with"
                        + " `# lbc-disable LBC213 <reason>`"));
      }
    }
  }
}
