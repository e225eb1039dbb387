package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Appliances;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC304: the appliances' statistics page would have no password. */
public final class StatsPageWithoutPassword implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC304",
          "stats-page-without-password",
          Severity.ERROR,
          "Statistics page without a password",
          """
          Each appliance serves HAProxy's statistics page (port 7777 on its own address, the
          guides' Reports > Layer 7 Status). It lists every Exchange server and lets its user
          drain, halt or bring back any of them. Without `admin-password` or
          `admin-password-hash` nothing protects it: anyone who reaches the appliance can take
          Exchange out of service. `admin-password: ${env:NAME}` is read by HAProxy from its own
          environment when it starts (the RUNBOOK says where to set it), never by lbc.
          """,
          "Add `admin-password: ${env:LB_ADMIN_PASSWORD}` under `appliances:` and set the variable"
              + " for the HAProxy service, or `admin-password-hash:` with a crypt hash"
              + " (`mkpasswd -m sha-512`).",
          "Exchange 2016 guide §8.2 \"Initial Network Configuration\" (\"Be sure to set a secure"
              + " password for the load balancer\") and §12.2.3 \"Layer 7 Statistics Report\"",
          Example.mark(
              Example.with("").replace("  admin-password: ${env:LB_ADMIN_PASSWORD}\n", ""),
              "appliances:",
              "LBC304"),
          Example.with(""));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Appliances a = deployment.appliances();
    if (a.adminPassword() == null && a.adminPasswordHash() == null) {
      context.report(
          context
              .at(
                  deployment.src().key("appliances"),
                  "the appliances' statistics page has no password")
              .withLabel("neither admin-password nor admin-password-hash")
              .withHelp(
                  "add `admin-password: ${env:LB_ADMIN_PASSWORD}` and set LB_ADMIN_PASSWORD in"
                      + " HAProxy's environment (RUNBOOK.md says where), or"
                      + " `admin-password-hash:`"));
    }
  }
}
