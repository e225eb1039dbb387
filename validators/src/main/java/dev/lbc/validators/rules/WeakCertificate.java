package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.cert.CertificateInfo;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.validators.facts.ReadCertificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** LBC216: RSA under 2048 bits, EC under 256 bits, or a SHA-1 or MD5 signature. */
public final class WeakCertificate implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC216",
          "weak-certificate",
          Severity.WARNING,
          "Weak certificate: RSA under 2048 bits, EC under 256 bits, or a SHA-1/MD5 signature",
          """
          Browsers and current Outlook and mobile clients refuse certificates signed with SHA-1
          or MD5, and RSA keys under 2048 bits (EC under 256) can be broken by those willing
          to pay for it; public CAs stopped issuing them years ago. Such a certificate is
          usually an old self-signed one left over from a test.
          """,
          "Request a new certificate with an RSA 2048-bit (or larger) or EC P-256 key, signed"
              + " with SHA-256.",
          "Exchange 2016 guide §7.5 \"Certificates\" (the certificate the load balancer offloads"
              + " is the one requested for Exchange; request it with a strong key)",
          Example.mark(Example.offloading("weak.pem"), "pem: certs/weak.pem", "LBC216"),
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
      List<String> weak = new ArrayList<>();
      if (info.keyAlgorithm().equals("RSA") && info.keySize() < 2048) {
        weak.add("an RSA key of " + info.keySize() + " bits");
      } else if (info.keyAlgorithm().equals("EC") && info.keySize() < 256) {
        weak.add("an EC key of " + info.keySize() + " bits");
      }
      String signature = info.signatureAlgorithm().toUpperCase(Locale.ROOT);
      if (signature.startsWith("SHA1") || signature.startsWith("MD5")) {
        weak.add("a " + info.signatureAlgorithm() + " signature");
      }
      if (!weak.isEmpty()) {
        context.report(
            context
                .at(
                    c.src().of(c.fileKey()),
                    "certificate " + c.name() + " has " + String.join(" and ", weak))
                .withHelp("request a new one: RSA 2048 or EC P-256, signed with SHA-256"));
      }
    }
  }
}
