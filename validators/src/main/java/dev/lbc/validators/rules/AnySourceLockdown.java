package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC302: a lockdown that allows every source. */
public final class AnySourceLockdown implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC302",
          "any-source-lockdown",
          Severity.WARNING,
          "Lockdown allows any source (0.0.0.0/0 or ::/0)",
          """
          A lockdown exists to admit only the listed hosts (for SMTP, the smart hosts). An entry
          of 0.0.0.0/0 or ::/0 admits every address of its family, so the lockdown protects
          nothing while looking like it does.
          """,
          "List the hosts, ranges or networks that really need access.",
          "Exchange 2016 guide §15.1 \"Configuring Firewall Rules to Lockdown SMTP\"; Exchange"
              + " 2013 guide §16 Appendix 2 (\"to limit inbound SMTP connections to a specific smart"
              + " host\")",
          Example.with("")
              .replace(
                  "allow: [192.168.30.50] }", "allow: [192.168.30.50, 0.0.0.0/0] }  # ~ LBC302"),
          Example.with(""));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Service s : deployment.services()) {
      if (s.lockdown() == null) {
        continue;
      }
      for (int i = 0; i < s.lockdown().allow().size(); i++) {
        if (s.lockdown().allow().get(i).isAny()) {
          context.report(
              context
                  .at(
                      s.lockdown().src().item("allow", i),
                      "the lockdown of "
                          + s.name()
                          + " allows any source: "
                          + s.lockdown().allow().get(i).text())
                  .withHelp("list only the hosts that need access"));
        }
      }
    }
  }
}
