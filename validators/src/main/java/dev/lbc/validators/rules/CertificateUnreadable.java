package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.cert.CertificateRead;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.CertificateFile;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC113: a certificate file that cannot be read. */
public final class CertificateUnreadable implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC113",
          "certificate-unreadable",
          Severity.ERROR,
          "Certificate file missing, unreadable, too large or without a certificate",
          """
          lbc reads each certificate file when it lints, as the build and `lbc run` will: a
          missing file, a directory, a file larger than 1 MiB, a DER file given as PEM, a PEM
          with two private keys, a PFX whose password is wrong or whose `${env:NAME}` is not
          set, all stop the deployment from serving TLS. Reported here, at the file's path,
          they are found in review and in CI, not when HAProxy refuses to start.
          """,
          "Fix the path (relative to the deployment file) or the file; for a PFX, set the"
              + " password's environment variable where lbc runs.",
          "Exchange 2016 guide §10.2.1 d) \"Upload Your SSL Certificate to The Load Balancer\""
              + " (a PEM or PFX file)",
          Example.mark(Example.offloading("missing.pem"), "pem: certs/missing.pem", "LBC113"),
          Example.offloading("exchange.pem"));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Certificate c : deployment.certificates()) {
      CertificateFile file = context.facts().certificate(c.name());
      if (file != null && file.read() instanceof CertificateRead.Unreadable u) {
        context.report(
            context
                .at(c.src().of(u.field()), "certificate " + c.name() + ": " + u.message())
                .withHelp(
                    u.field().equals("password")
                        ? "set the variable where lbc runs (lint, build and run alike)"
                        : "paths are relative to the deployment file"));
      }
    }
  }
}
