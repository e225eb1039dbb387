package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC211: no HTTPS or no SMTP service. */
public final class RequiredServices implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC211",
          "required-services",
          Severity.WARNING,
          "No HTTPS (443) or no SMTP (25) service",
          """
          The guides list the ports that must be load balanced: 443 for every web protocol
          (Outlook on the web, Autodiscover, EWS, ActiveSync, MAPI and RPC over HTTP, OAB, EAC)
          and 25 for inbound SMTP; IMAP4 and POP3 are optional. A deployment without one of the
          two leaves those clients pointed at a single server.
          """,
          "Add the missing service (see examples/).",
          "Exchange 2016 guide §6.3 \"Port Requirements\"",
          Example.mark(Example.withServices(Example.HTTPS), "services:", "LBC211"),
          Example.with(""));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    boolean https = false;
    boolean smtp = false;
    for (Service s : deployment.services()) {
      https |= s.ports().contains(443) && s.redirect() == null;
      smtp |= s.ports().contains(25);
    }
    if (!https) {
      context.report(
          context
              .at(deployment.src().key("services"), "no service serves HTTPS (443)")
              .withHelp("add an HTTPS service for the web protocols"));
    }
    if (!smtp) {
      context.report(
          context
              .at(deployment.src().key("services"), "no service serves SMTP (25)")
              .withHelp("add an SMTP service for inbound mail"));
    }
  }
}
