package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC214: one appliance is a single point of failure for every Exchange client. */
public final class SingleAppliance implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC214",
          "single-appliance",
          Severity.WARNING,
          "A single appliance: the guides recommend a clustered pair",
          """
          With one appliance, its failure or maintenance takes every Exchange protocol down at
          once. Both guides deploy a clustered pair: the secondary takes over the VIPs and
          floating IPs when the primary fails, and the HA pair keeps the configuration in step
          (except the firewall scripts, which must be applied on both).
          """,
          "Add `appliances.secondary` with the second appliance's hostname and address, or"
              + " suppress with `# lbc-disable LBC214 <reason>` for a lab.",
          "Exchange 2016 guide §6.7 (note: \"Loadbalancer.org recommends a clustered pair\")"
              + " and §15.5 \"Configuring HA - Adding a Secondary Appliance\"; Exchange 2013 guide §16"
              + " Appendix 5 \"Clustered Pair Configuration – Adding a Slave Unit\"",
          Example.mark(
              Example.deployment(
                  "",
                  Example.APPLIANCES.replaceAll("  secondary: .*\n", ""),
                  Example.SERVERS,
                  Example.HTTPS + Example.SMTP),
              "primary:",
              "LBC214"),
          Example.with(""));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    if (deployment.appliances().secondary() == null) {
      context.report(
          context
              .at(
                  deployment.appliances().primary().src().node(),
                  "only one appliance: a failure takes every service down")
              .withLabel("the only appliance")
              .withHelp("add `secondary:` under `appliances:` for a clustered pair"));
    }
  }
}
