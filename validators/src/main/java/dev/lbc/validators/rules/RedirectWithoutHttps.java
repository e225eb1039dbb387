package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.compiler.value.IpAddress;
import java.util.HashSet;
import java.util.Set;

/** LBC209: an HTTP→HTTPS redirect where nothing serves HTTPS. */
public final class RedirectWithoutHttps implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC209",
          "redirect-without-https",
          Severity.WARNING,
          "HTTP to HTTPS redirect on an address that serves no 443 service",
          """
          The redirect service answers on port 80 and sends browsers to https:// on the same
          name, which resolves to the same VIP. If no service listens on 443 at that VIP, every
          redirected user gets a connection error.
          """,
          "Put the redirect on the VIP of the HTTPS service.",
          "Exchange 2016 guide §15.4 \"Configuring an HTTP to HTTPS redirect for OWA\" (\"same as"
              + " the VIP that's listening on port 443\")",
          Example.with(
              """
                - { name: HTTP-redirect, vip: 192.168.30.11, ports: [80], mode: snat, protocol: http, redirect: https }  # ~ LBC209
              """),
          Example.with(
              """
                - { name: HTTP-redirect, vip: 192.168.30.10, ports: [80], mode: snat, protocol: http, redirect: https }
              """));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Set<IpAddress> https = new HashSet<>();
    for (Service s : deployment.services()) {
      if (s.ports().contains(443) && s.redirect() == null) {
        https.add(s.vip());
      }
    }
    for (Service s : deployment.services()) {
      if (s.redirect() != null && !https.contains(s.vip())) {
        context.report(
            context
                .at(
                    s.src().of("redirect"),
                    "service "
                        + s.name()
                        + " redirects to HTTPS, but no"
                        + " service serves port 443 on "
                        + s.vip().text())
                .withHelp("use the VIP of the HTTPS service"));
      }
    }
  }
}
