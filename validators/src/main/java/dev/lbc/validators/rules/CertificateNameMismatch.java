package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.cert.CertificateInfo;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Namespace;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** LBC110: an offloading service's certificate does not cover a namespace that points at it. */
public final class CertificateNameMismatch implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC110",
          "certificate-name-mismatch",
          Severity.ERROR,
          "An SSL-offloading service's certificate does not cover a namespace it serves",
          """
          With SSL offload the load balancer, not Exchange, presents the certificate, so every
          namespace whose host points at the service must be one of the certificate's names:
          for any other, Outlook raises a security alert and ActiveSync devices and browsers
          refuse the connection. The certificate's SAN DNS names count (compared without case; a
          wildcard `*.example.com` covers exactly one label, so not `example.com` nor
          `a.b.example.com`); its CN counts only when it has no SAN, as clients do (RFC 6125).
          """,
          "Use a certificate whose SAN lists every namespace of the service (the Exchange"
              + " certificate request does, from its namespaces), or a wildcard one label deep.",
          "Exchange 2016 guide §7.5 \"Certificates\" (SAN certificates listing every required"
              + " namespace, or a wildcard)",
          Example.mark(
              Example.mark(
                  Example.offloading("other-name.pem"), "host: mail.example.com", "LBC110"),
              "host: autodiscover.example.com",
              "LBC110"),
          Example.offloading("exchange.pem"));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Map<String, Service> services = new HashMap<>();
    for (Service s : deployment.services()) {
      services.putIfAbsent(s.name().toLowerCase(Locale.ROOT), s);
    }
    Map<String, Certificate> certificates = new HashMap<>();
    for (Certificate c : deployment.certificates()) {
      certificates.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c);
    }
    for (Namespace n : deployment.namespaces()) {
      Service s = services.get(n.service().toLowerCase(Locale.ROOT));
      if (s == null || s.ssl() == null) {
        continue;
      }
      Certificate c = certificates.get(s.ssl().offload().toLowerCase(Locale.ROOT));
      CertificateInfo info = c == null ? null : context.facts().certificateInfo(c.name());
      if (info == null || info.covers(n.host())) {
        continue;
      }
      context.report(
          context
              .at(
                  n.src().of("host"),
                  "certificate "
                      + c.name()
                      + " of service "
                      + s.name()
                      + " does not cover "
                      + n.host())
              .withLabel("clients connect to this name")
              .withSecondary(
                  c.src().of(c.fileKey()),
                  "covers "
                      + (info.names().isEmpty() ? "no name" : String.join(", ", info.names())))
              .withHelp("add " + n.host() + " to the certificate's SAN, or use a wildcard"));
    }
  }
}
