package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Protocol;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC205: X-Forwarded-For where the appliance cannot see HTTP. */
public final class XffWithoutHttp implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC205",
          "xff-without-http",
          Severity.ERROR,
          "X-Forwarded-For without HTTP mode (SSL must be offloaded to insert it)",
          """
          X-Forwarded-For is an HTTP header the appliance adds to each request so that IIS can
          log the client's address. It can only be inserted into HTTP it parses: a layer 4
          service, a layer 7 TCP service, or HTTPS that is not offloaded on the appliance passes
          encrypted bytes the appliance cannot change.
          """,
          "Use `layer: 7`, `protocol: http`, and for HTTPS `ssl: { offload: <certificate>,"
              + " reencrypt: true }`; or remove `x-forwarded-for`.",
          "Exchange 2016 guide §6.4 \"SSL Termination\" (\"SSL must be terminated on the load"
              + " balancer to allow the header to be inserted\") and §10 \"Appliance Configuration –"
              + " Using Layer 7 SNAT Mode (with SSL Offload)\"",
          Example.with(
              """
                - { name: MBOX-IMAP4, vip: 192.168.30.10, ports: [143], mode: snat, protocol: tcp, x-forwarded-for: true, real-servers: [{ server: MBOX1 }] }  # ~ LBC205
              """),
          Example.with(
              """
                - { name: MBOX-IMAP4, vip: 192.168.30.10, ports: [143], mode: snat, protocol: tcp, real-servers: [{ server: MBOX1 }] }
              """));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Service s : deployment.services()) {
      if (!Boolean.TRUE.equals(s.xForwardedFor())) {
        continue;
      }
      String why = null;
      if (s.effectiveLayer() == 4) {
        why = "a layer 4 service forwards packets, not HTTP requests";
      } else if (s.protocol() != Protocol.HTTP) {
        why = "the service is in TCP mode; set `protocol: http`";
      } else if (s.ports().contains(443) && s.ssl() == null) {
        why = "HTTPS is not offloaded on the appliance, so the requests are encrypted";
      }
      if (why != null) {
        context.report(
            context
                .at(
                    s.src().of("x-forwarded-for"),
                    "service " + s.name() + " cannot insert X-Forwarded-For: " + why)
                .withHelp("use layer 7 HTTP mode with SSL offload, or remove x-forwarded-for"));
      }
    }
  }
}
