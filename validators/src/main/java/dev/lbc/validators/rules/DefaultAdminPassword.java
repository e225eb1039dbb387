package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC301: the appliance admin password left at the vendor default. */
public final class DefaultAdminPassword implements LintRule {
  static final String DEFAULT = "loadbalancer";

  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC301",
          "default-admin-password",
          Severity.ERROR,
          "Appliance admin password left at the default",
          """
          The appliance ships with a published default password for its administration
          interface. Left unchanged, anyone who reaches the WebUI controls every Exchange VIP and
          can read the SSL keys.
          """,
          "Set `admin-password: ${env:LB_ADMIN_PASSWORD}` or `admin-password-hash:` with a crypt"
              + " hash of a strong password.",
          "Exchange 2013 guide §9 \"Loadbalancer.org Appliance – the Basics\", \"Accessing the"
              + " Web User Interface (WebUI)\" (\"Username: loadbalancer\", \"Password:"
              + " loadbalancer\") and §16 Appendix 5 (\"the default is 'loadbalancer'\"); Exchange"
              + " 2016 guide §8.2 \"Initial Network Configuration\" (\"Be sure to set a secure"
              + " password for the load balancer\")",
          Example.with("").replace("${env:LB_ADMIN_PASSWORD}", DEFAULT + "  # ~ LBC301"),
          Example.with(""));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    if (DEFAULT.equals(deployment.appliances().adminPassword())) {
      context.report(
          context
              .at(
                  deployment.appliances().src().of("admin-password"),
                  "the appliance admin password is the vendor default")
              .withHelp("use ${env:LB_ADMIN_PASSWORD} with a strong password"));
    }
  }
}
