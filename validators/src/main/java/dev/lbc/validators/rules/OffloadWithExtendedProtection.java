package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC212: SSL offload while Exchange Extended Protection is on. */
public final class OffloadWithExtendedProtection implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC212",
          "offload-with-extended-protection",
          Severity.ERROR,
          "SSL offload with Extended Protection on",
          """
          Extended Protection binds Windows authentication to the TLS channel the client opened.
          When the appliance terminates TLS, the channel Exchange sees is the appliance's, and
          authentication fails; Microsoft does not support SSL offloading with Extended
          Protection (bridging works only with the same certificate on appliance and servers).
          It is on by default from Exchange 2019 CU14.
          """,
          "Terminate SSL on the Exchange servers (no `ssl:`), or set `extended-protection: false`"
              + " if it is really off.",
          "Microsoft: Exchange Server support for Windows Extended Protection (SSL offloading"
              + " not supported); Exchange 2016 guide §6.4 \"SSL Termination\"",
          Example.mark(
              OffloadWithoutReencrypt.offloadExample("true")
                  .replace("exchange: 2016", "exchange: 2019"),
              "ssl: {",
              "LBC212"),
          OffloadWithoutReencrypt.offloadExample("true")
              .replace("exchange: 2016", "exchange: 2019\nextended-protection: false"));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    if (!deployment.effectiveExtendedProtection()) {
      return;
    }
    for (Service s : deployment.services()) {
      if (s.ssl() != null) {
        var d =
            context
                .at(
                    s.src().of("ssl"),
                    "service " + s.name() + " offloads SSL while Extended Protection is on")
                .withHelp("terminate SSL on the servers, or turn Extended Protection off");
        context.report(
            deployment.extendedProtection() != null
                ? d.withSecondary(deployment.src().of("extended-protection"), "on here")
                : d.withNote(
                    "Extended Protection is on by default for Exchange " + deployment.exchange()));
      }
    }
  }
}
