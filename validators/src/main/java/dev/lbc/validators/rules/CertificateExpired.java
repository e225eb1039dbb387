package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.cert.CertificateInfo;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.validators.facts.ReadCertificate;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** LBC111: a certificate that is not valid at the lint time. */
public final class CertificateExpired implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC111",
          "certificate-expired",
          Severity.ERROR,
          "Certificate not valid at the lint time (expired or not yet valid)",
          """
          A certificate outside its validity window is refused by every client: Outlook,
          ActiveSync and browsers stop connecting to every namespace the load balancer offloads.
          The lint time is the one clock of the run: `--now` or `SOURCE_DATE_EPOCH` when set,
          else the current time, so that CI gives the same answer for the same commit.
          """,
          "Renew the certificate on Exchange, export it with its private key and point the"
              + " deployment at the new file.",
          "Exchange 2016 guide §10.2.1 c) \"Export Your SSL Certificate\" and d) \"Upload Your SSL"
              + " Certificate to The Load Balancer\"",
          Example.mark(Example.offloading("expired.pem"), "pem: certs/expired.pem", "LBC111"),
          Example.offloading("exchange.pem"));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (ReadCertificate read : ReadCertificate.of(deployment, context)) {
      Certificate c = read.cert();
      CertificateInfo info = read.info();
      String problem = null;
      if (context.now().isAfter(info.notAfter())) {
        problem = "expired on " + LocalDate.ofInstant(info.notAfter(), ZoneOffset.UTC);
      } else if (context.now().isBefore(info.notBefore())) {
        problem = "is not valid before " + LocalDate.ofInstant(info.notBefore(), ZoneOffset.UTC);
      }
      if (problem != null) {
        context.report(
            context
                .at(c.src().of(c.fileKey()), "certificate " + c.name() + " " + problem)
                .withNote("linted at " + context.now() + " (--now or SOURCE_DATE_EPOCH fix it)")
                .withHelp("renew the certificate and point the deployment at the new file"));
      }
    }
  }
}
