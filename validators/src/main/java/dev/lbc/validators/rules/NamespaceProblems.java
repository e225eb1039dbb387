package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Namespace;
import dev.lbc.compiler.model.Purpose;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.validators.net.Topology;
import java.util.Locale;

/** LBC210: namespaces that lead nowhere useful, or no autodiscover namespace. */
public final class NamespaceProblems implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC210",
          "namespace-problems",
          Severity.WARNING,
          "A namespace points at a missing or non-HTTPS service, or no autodiscover namespace",
          """
          Clients find Exchange through its namespaces: the DNS names that resolve to the VIPs
          and that the build writes into the virtual directory URLs. A namespace for web clients
          must lead to a service on 443, and Outlook and mobile clients configure themselves
          through the autodiscover namespace, so one must exist.
          """,
          "Point web namespaces at the HTTPS service and add"
              + " `{ host: autodiscover.<domain>, service: <HTTPS service>, purpose: [autodiscover] }`.",
          "Exchange 2016 guide §6.5 \"HTTPS Namespaces & IP addresses\" and §7.4 \"Autodiscover\"",
          Example.with("")
              .replace("purpose: [autodiscover]", "purpose: [owa]")
              .replace("autodiscover.example.com", "webmail.example.com")
              .replace("namespaces:\n", "namespaces:  # ~ LBC210\n"),
          Example.with(""));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Topology topology = Topology.of(context);
    boolean autodiscover = false;
    for (Namespace n : deployment.namespaces()) {
      autodiscover |=
          n.purposes().contains(Purpose.AUTODISCOVER)
              || n.host().toLowerCase(Locale.ROOT).startsWith("autodiscover.");
      Service s = topology.service(n.service());
      boolean mailOnly =
          !n.purposes().isEmpty()
              && n.purposes().stream()
                  .allMatch(p -> p == Purpose.SMTP || p == Purpose.IMAP || p == Purpose.POP);
      if (s != null && !mailOnly && !s.ports().contains(443)) {
        context.report(
            context
                .at(
                    n.src().of("service"),
                    "namespace "
                        + n.host()
                        + " points at service "
                        + s.name()
                        + ", which does not serve HTTPS (443)")
                .withSecondary(s.src().of("ports"), "its ports")
                .withHelp("point it at the HTTPS service"));
      }
    }
    if (!autodiscover) {
      context.report(
          context
              .at(
                  deployment.namespaces().isEmpty()
                      ? deployment.src().of("name")
                      : deployment.src().key("namespaces"),
                  "no autodiscover namespace is declared")
              .withHelp(
                  "add `{ host: autodiscover.<domain>, service: <HTTPS service>, purpose:"
                      + " [autodiscover] }` under `namespaces:`"));
    }
  }
}
