package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.cert.CertificateSource;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC303: a password written into the deployment file. */
public final class LiteralSecret implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC303",
          "literal-secret",
          Severity.WARNING,
          "A literal secret in the config (use a hash or ${env:NAME})",
          """
          Deployment files live in repositories, pull requests and CI logs. A password written
          in one is readable by everyone who can read those. `${env:NAME}` keeps the password out
          of the file: lbc writes only the reference into haproxy.cfg, and HAProxy reads the
          variable from its own environment when it starts. A crypt hash in
          `admin-password-hash` works as well. The same holds for a certificate's PFX
          `password:`, which opens the private key of every Exchange namespace: lbc reads
          `${env:NAME}` when it reads the file, and the password never reaches a generated file.
          """,
          "Use `admin-password: ${env:LB_ADMIN_PASSWORD}` or `admin-password-hash: \"$6$...\"`;"
              + " for a PFX, `password: ${env:PFX_PASSWORD}`.",
          "",
          Example.with("").replace("${env:LB_ADMIN_PASSWORD}", "S3cure!Pass  # ~ LBC303"),
          Example.with(""));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Certificate c : deployment.certificates()) {
      if (c.password() != null && CertificateSource.envName(c.password()) == null) {
        context.report(
            context
                .at(
                    c.src().of("password"),
                    "the password of certificate " + c.name() + " is written in the file")
                .withHelp("use ${env:PFX_PASSWORD} and set it where lbc runs"));
      }
    }
    String password = deployment.appliances().adminPassword();
    if (password == null
        || password.startsWith("${env:")
        || DefaultAdminPassword.DEFAULT.equals(password)) {
      return; // the default password is LBC301's finding
    }
    context.report(
        context
            .at(
                deployment.appliances().src().of("admin-password"),
                "the appliance admin password is written in the file")
            .withHelp("use ${env:LB_ADMIN_PASSWORD}, or admin-password-hash"));
  }
}
