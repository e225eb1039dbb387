package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Auth;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC207: Kerberos with HAProxy's default 16K buffer. */
public final class KerberosBuffer implements LintRule {
  static final int DEFAULT_BUFFER = 16384;

  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC207",
          "kerberos-buffer",
          Severity.WARNING,
          "Kerberos authentication with a request buffer of 16K or less",
          """
          Users in many AD groups or with a large SID history carry Kerberos tickets that no
          longer fit HAProxy's standard 16K buffer (Windows 2012 and later allow tokens up to
          48K). Such requests fail at the layer 7 appliance with a 400 error while other users
          work. The guides raise the request buffer, e.g. to 51200.
          """,
          "Set `tuning: { request-buffer: 51200 }`.",
          "Exchange 2016 guide §9.2.5 \"Additional Settings if using Kerberos Authentication\";"
              + " Exchange 2013 guide \"Additional Configuration Steps When Using Kerberos\"",
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
    if (deployment.auth() != Auth.KERBEROS || (buffer != null && buffer > DEFAULT_BUFFER)) {
      return;
    }
    var d =
        context
            .at(
                buffer != null
                    ? deployment.tuning().src().of("request-buffer")
                    : deployment.src().of("auth"),
                "Kerberos tickets may not fit a request buffer of "
                    + (buffer == null ? "16384 bytes (the default)" : buffer + " bytes"))
            .withHelp("set `tuning: { request-buffer: 51200 }`");
    context.report(buffer != null ? d.withSecondary(deployment.src().of("auth"), "Kerberos") : d);
  }
}
