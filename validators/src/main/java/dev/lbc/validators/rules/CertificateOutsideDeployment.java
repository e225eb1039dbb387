package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.CertificateFile;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC114: a certificate's PEM outside the deployment's folder. */
public final class CertificateOutsideDeployment implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC114",
          "certificate-outside-deployment",
          Severity.WARNING,
          "Certificate outside the deployment's folder",
          """
          `lbc build` copies each certificate's PEM, private key included, into the build for
          every appliance, which installs it for HAProxy. A `pem` that leaves the deployment's
          folder (an absolute path, `..`, or a symbolic link that leads out) reads whatever that
          path names on the machine running lbc: another file on a colleague's machine or in
          CI, or a key that is not the deployment's, unseen by whoever reviews the folder.
          """,
          "Copy the PEM into the deployment's folder, e.g. `certs/exchange.pem` (mode 0600), and"
              + " point `pem:` at it.",
          "Exchange 2016 guide §10.2.1 d) \"Upload Your SSL Certificate to The Load Balancer\""
              + " (the PEM, with its private key, goes onto the appliance)",
          Example.mark(
              OffloadWithoutReencrypt.offloadExample("true")
                  .replace("pem: certs/exchange.pem", "pem: ../exchange.pem"),
              "pem: ../exchange.pem",
              "LBC114"),
          OffloadWithoutReencrypt.offloadExample("true"));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Certificate c : deployment.certificates()) {
      CertificateFile file = context.facts().certificate(c.name());
      if (file == null) {
        continue;
      }
      String how =
          switch (file.placement()) {
            case INSIDE -> null;
            case ABSOLUTE -> "an absolute path";
            case PARENT -> "`..` climbs out of the folder";
            case LINKED_OUT -> "a symbolic link leads out of the folder";
          };
      if (how != null) {
        context.report(
            context
                .at(
                    c.src().of("pem"),
                    "certificate " + c.name() + " is outside the deployment's folder")
                .withLabel(how)
                .withHelp("copy the PEM into the deployment's folder, e.g. certs/"));
      }
    }
  }
}
