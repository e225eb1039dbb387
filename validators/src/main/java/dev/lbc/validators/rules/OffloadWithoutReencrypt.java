package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC206: SSL offloaded and sent to the servers in clear text. */
public final class OffloadWithoutReencrypt implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC206",
          "offload-without-reencrypt",
          Severity.WARNING,
          "SSL offload without re-encryption to the servers",
          """
          With SSL offloaded and not re-encrypted, credentials and mail cross the network to the
          Exchange servers in clear text, and Exchange itself must be reconfigured for offloading
          (Outlook Anywhere SSL offloading, Require SSL off on the virtual directories), settings
          that cumulative updates reset. The guides re-encrypt to the servers.
          """,
          "Set `ssl: { offload: <certificate>, reencrypt: true }`.",
          "Exchange 2016 guide §6.10.1 \"Is SSL Offloading Required?\" (\"Once inserted,"
              + " traffic is re-encypted from the load balancer to the Exchange Servers\", sic) and"
              + " §10.2.1 b) step 6 (\"Enable (check) the Re-Encrypt to Backend checkbox\")",
          Example.mark(offloadExample("false"), "ssl: {", "LBC206"),
          offloadExample("true"));

  static String offloadExample(String reencrypt) {
    // Exchange SE turns Extended Protection on, which SSL offload cannot work with (LBC212)
    return Example.deployment(
        "extended-protection: false\n",
        Example.APPLIANCES,
        Example.SERVERS + "certificates: [{ name: ExchangeCert, pem: certs/exchange.pem }]\n",
        "  - name: MBOX-HTTPS\n    vip: 192.168.30.10\n    ports: [443]\n    mode: snat\n"
            + "    protocol: http\n"
            + "    health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }\n"
            + "    ssl: { offload: ExchangeCert, reencrypt: "
            + reencrypt
            + " }\n"
            + "    real-servers: [{ server: MBOX1, port: 443 }]\n"
            + Example.SMTP);
  }

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Service s : deployment.services()) {
      if (s.ssl() != null && !Boolean.TRUE.equals(s.ssl().reencrypt())) {
        context.report(
            context
                .at(
                    s.ssl().src().has("reencrypt")
                        ? s.ssl().src().of("reencrypt")
                        : s.src().of("ssl"),
                    "service " + s.name() + " offloads SSL and sends clear text to the servers")
                .withHelp("add `reencrypt: true`"));
      }
    }
  }
}
