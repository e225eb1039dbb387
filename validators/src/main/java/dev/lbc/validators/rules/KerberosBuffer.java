package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Auth;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC207: Kerberos (or Negotiate, which uses it) through HAProxy with its default 16K buffer. */
public final class KerberosBuffer implements LintRule {
  static final int DEFAULT_BUFFER = 16384;

  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC207",
          "kerberos-buffer",
          Severity.WARNING,
          "Kerberos or Negotiate authentication with a layer 7 request buffer of 16K or less",
          """
          Users in many AD groups or with a large SID history carry Kerberos tickets that no
          longer fit HAProxy's standard 16K buffer (Windows 2012 and later allow tokens up to
          48K). Such requests fail at the layer 7 appliance with a 400 error while other users
          work. The guides raise the request buffer, e.g. to 51200. `auth: negotiate` is
          affected as much as `auth: kerberos`: Negotiate picks Kerberos whenever the client can
          get a ticket, which every domain-joined client can, and it is what the guides choose
          for Outlook Anywhere. Only layer 7 services pass through HAProxy's buffer; a deployment
          served entirely at layer 4 is not concerned.
          """,
          "Set `tuning: { request-buffer: 51200 }`.",
          "Exchange 2016 guide §9.2.5 and §10.2.5 \"Additional Settings if using Kerberos"
              + " Authentication\", §7.3 \"Outlook Anywhere\" (Negotiate); Exchange 2013 guide §11"
              + " \"Appliance Configuration for Exchange 2013 – Using SNAT Mode\", \"Additional"
              + " Settings If Using Kerberos Authentication\"",
          Example.deployment(
              "auth: kerberos  # ~ LBC207\n",
              Example.APPLIANCES,
              Example.SERVERS,
              Example.HTTPS + Example.SMTP),
          Example.deployment(
              "auth: kerberos\ntuning: { request-buffer: 51200 }\n",
              Example.APPLIANCES,
              Example.SERVERS,
              Example.HTTPS + Example.SMTP));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Integer buffer = deployment.tuning().requestBuffer();
    Auth auth = deployment.auth();
    if ((auth != Auth.KERBEROS && auth != Auth.NEGOTIATE)
        || (buffer != null && buffer > DEFAULT_BUFFER)
        || deployment.services().stream().noneMatch(s -> s.effectiveLayer() == 7)) {
      return;
    }
    var d =
        context
            .at(
                buffer != null
                    ? deployment.tuning().src().of("request-buffer")
                    : deployment.src().of("auth"),
                (auth == Auth.NEGOTIATE ? "Negotiate uses Kerberos when it can: its" : "Kerberos")
                    + " tickets may not fit a request buffer of "
                    + (buffer == null ? "16384 bytes (the default)" : buffer + " bytes"))
            .withHelp("set `tuning: { request-buffer: 51200 }`");
    context.report(buffer != null ? d.withSecondary(deployment.src().of("auth"), auth.word()) : d);
  }
}
