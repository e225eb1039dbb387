package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.cert.CertificateInfo;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.validators.facts.ReadCertificate;

/** LBC112: a certificate without its private key, or with another certificate's. */
public final class CertificateKeyMismatch implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC112",
          "certificate-key-mismatch",
          Severity.ERROR,
          "Certificate without its private key, or with a key that is not its own",
          """
          To offload SSL the load balancer needs the certificate's private key: without it, or
          with a key from another certificate (a renewal's, a colleague's test pair), HAProxy
          refuses to start and the embedded engine cannot serve TLS. The key is checked against
          the certificate's public key, not by its file name.
          """,
          "Export the certificate from Exchange with its private key (a PFX), or put the key"
              + " that belongs to it in the PEM.",
          "Exchange 2016 guide §10.2.1 c) \"Export Your SSL Certificate\" (\"make sure that you"
              + " include the private key\")",
          Example.mark(
              Example.offloading("key-mismatch.pem"), "pem: certs/key-mismatch.pem", "LBC112"),
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
      if (info.keyMatches()) {
        continue;
      }
      context.report(
          context
              .at(
                  c.src().of(c.fileKey()),
                  "certificate "
                      + c.name()
                      + (info.hasPrivateKey()
                          ? ": the private key does not belong to the certificate"
                          : " has no private key"))
              .withHelp("export the certificate with its private key from Exchange"));
    }
  }
}
