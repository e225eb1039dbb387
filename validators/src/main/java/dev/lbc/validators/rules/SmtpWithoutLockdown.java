package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC208: SMTP through SNAT without a lockdown. */
public final class SmtpWithoutLockdown implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC208",
          "smtp-without-lockdown",
          Severity.WARNING,
          "SMTP on a non-transparent service with no lockdown",
          """
          Through SNAT every SMTP connection reaches Exchange from the appliance's address, so
          receive connectors can no longer tell the smart hosts allowed to relay from anyone
          else: a connector scoped to the appliance accepts the whole internet. Scoping a
          receive connector by `RemoteIPRanges` cannot work there, since every connection comes
          from the appliance: it accepts every client or none. The guides lock SMTP down on the
          appliance's firewall to the permitted hosts instead. DR, NAT and TPROXY keep the
          client's address and are not affected: there lbc's configure-exchange.ps1 scopes a
          relay receive connector to the same `lockdown.allow` ranges.
          """,
          "Add `lockdown: { allow: [<smart host>, <first>-<last>] }`, or use a transparent mode.",
          "Exchange 2016 guide §9.2.4 \"Configuring Firewall Rules to Lockdown SMTP\", §15.1"
              + " and the note in §6.10.1; Exchange 2013 guide §16 Appendix 2 \"Limiting inbound SMTP"
              + " Connections using Firewall Rules\"",
          Example.withServices(
              Example.HTTPS
                  + "  - { name: MBOX-SMTP, vip: 192.168.30.10, ports: [25], mode: snat,"
                  + " real-servers: [{ server: MBOX1, port: 25 }] }  # ~ LBC208\n"),
          Example.with(""));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Service s : deployment.services()) {
      if (s.ports().contains(25) && s.mode() == Mode.SNAT && s.lockdown() == null) {
        context.report(
            context
                .at(
                    s.src().of("name"),
                    "SMTP service " + s.name() + " is not transparent and not locked down")
                .withNote("Exchange sees every connection coming from the appliance")
                .withHelp("add `lockdown: { allow: [...] }` with the smart hosts"));
      }
    }
  }
}
