package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.cert.CertificateInfo;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.validators.facts.ReadCertificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** LBC215: a certificate that expires within 30 days of the lint time. */
public final class CertificateExpiresSoon implements LintRule {
  /** How far ahead lbc warns: a renewal through a public CA and a change window fit in it. */
  static final Duration WARNING = Duration.ofDays(30);

  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC215",
          "certificate-expires-soon",
          Severity.WARNING,
          "Certificate expires within 30 days",
          """
          A renewal takes a certificate request, the CA, an export from Exchange, the same
          certificate on every Exchange server and the load balancer, and a change window.
          Thirty days before the end leaves time for that; after the end, LBC111 fires and
          clients stop connecting. The lint time is the run's one clock (`--now`).
          """,
          "Renew the certificate now, install it on the Exchange servers and the load balancer.",
          "Exchange 2016 guide §7.5 \"Certificates\" (the same certificate and private key on"
              + " every Exchange server)",
          Example.mark(Example.offloading("expiring.pem"), "pem: certs/expiring.pem", "LBC215"),
          Example.offloading("exchange.pem"));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Instant now = context.now();
    for (ReadCertificate read : ReadCertificate.of(deployment, context)) {
      Certificate c = read.cert();
      CertificateInfo info = read.info();
      if (now.isBefore(info.notBefore())
          || now.isAfter(info.notAfter())
          || info.notAfter().isAfter(now.plus(WARNING))) {
        continue; // outside its window is LBC111's finding
      }
      long days = Duration.between(now, info.notAfter()).toDays();
      context.report(
          context
              .at(
                  c.src().of(c.fileKey()),
                  "certificate "
                      + c.name()
                      + " expires on "
                      + LocalDate.ofInstant(info.notAfter(), ZoneOffset.UTC)
                      + ", in "
                      + days
                      + (days == 1 ? " day" : " days"))
              .withHelp("renew it now: every Exchange server and the load balancer need it"));
    }
  }
}
