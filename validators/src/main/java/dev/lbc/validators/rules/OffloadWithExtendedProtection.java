package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.ExchangeVersion;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC212: SSL offload while Exchange Extended Protection is on. */
public final class OffloadWithExtendedProtection implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC212",
          "offload-with-extended-protection",
          Severity.ERROR,
          "SSL offload with Extended Protection on",
          """
          Extended Protection binds Windows authentication to the TLS channel the client opened.
          When the appliance terminates TLS and sends clear text on, the channel Exchange sees is
          the appliance's, and every Windows logon fails: Microsoft does not support SSL
          offloading with Extended Protection. SSL bridging (`reencrypt: true`) is supported when
          the appliance and IIS serve the same certificate, which
          exchange/install-certificate.ps1 installs and checks on every server, so bridging is
          not reported. Extended Protection is on by default from Exchange 2019 CU14 and in
          Exchange Server SE: with offload, the pull request that raises `cu:` to 14 or moves to
          `exchange: se` is the one that turns red, before the update breaks every Outlook logon.
          """,
          "Re-encrypt to the servers (`reencrypt: true`) and run exchange/install-certificate.ps1"
              + " on each of them, or terminate SSL on the servers (no `ssl:`); set"
              + " `extended-protection: false` only if it is really off.",
          "Microsoft: Exchange Server support for Windows Extended Protection (SSL offloading"
              + " not supported; SSL bridging supported with the same certificate on the load"
              + " balancer and the servers); Exchange 2016 guide §6.4 \"SSL Termination\"",
          Example.mark(
              OffloadWithoutReencrypt.offloadExample("false")
                  .replace("extended-protection: false\n", "")
                  .replace(
                      "    ssl: {",
                      "    # lbc-disable LBC206 clear text to the servers is LBC206's page\n"
                          + "    ssl: {"),
              "ssl: {",
              "LBC212"),
          OffloadWithoutReencrypt.offloadExample("true")
              .replace("extended-protection: false\n", ""));

  /** Why Extended Protection is on when nobody wrote it, for the version that turned it on. */
  static String defaultNote(ExchangeVersion v) {
    return switch (v.release()) {
      case SE -> "Extended Protection is on by default for Exchange Server SE";
      case EXCHANGE_2019 ->
          v.cu() == null
              ? "Extended Protection is on by default for Exchange 2019 (CU14 and later; write"
                  + " `cu:` if yours is older)"
              : "Extended Protection is on by default for Exchange 2019 CU"
                  + ExchangeVersion.EXTENDED_PROTECTION_CU
                  + " and later";
      case EXCHANGE_2013, EXCHANGE_2016 ->
          throw new IllegalArgumentException("off by default for " + v.title());
    };
  }

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    if (!deployment.effectiveExtendedProtection()) {
      return;
    }
    for (Service s : deployment.services()) {
      // bridging (re-encryption) works with Extended Protection given the same certificate
      if (s.ssl() != null && !Boolean.TRUE.equals(s.ssl().reencrypt())) {
        var d =
            context
                .at(
                    s.src().of("ssl"),
                    "service "
                        + s.name()
                        + " offloads SSL without re-encryption while Extended Protection is on")
                .withHelp(
                    "re-encrypt (`reencrypt: true`) with the same certificate on the servers"
                        + " (exchange/install-certificate.ps1), or terminate SSL on the servers");
        context.report(
            deployment.extendedProtection() != null
                ? d.withSecondary(deployment.src().of("extended-protection"), "on here")
                : d.withSecondary(
                        deployment.src().of(deployment.exchange().cu() != null ? "cu" : "exchange"),
                        "this version")
                    .withNote(defaultNote(deployment.exchange())));
      }
    }
  }
}
