package dev.lbc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.testsupport.Lbc;
import org.junit.jupiter.api.Test;

/**
 * LBC203 and the build agree on the default health check: what the rule tells the user to write for
 * an HTTPS service without a check is the check the planner gives that service.
 */
class DefaultHealthCheckTest {
  private static CompileResult compile(String services) {
    String yaml =
        """
        lbc: 1
        name: demo
        exchange: 2016
        appliances:
          primary: { hostname: lb1, address: 192.168.30.5/24 }
          admin-password: ${env:LB_ADMIN_PASSWORD}
        servers:
          - { name: MBOX1, address: 192.168.30.20 }
        certificates:
          - { name: mail, pem: mail.pem }
        services:
        """
            + services;
    return Lbc.lint(yaml);
  }

  private static void assertRuleSuggestsThePlannedCheck(String services) {
    CompileResult r = compile(services);
    assertNotNull(r.model(), r.diagnostics().toString());
    Diagnostic d =
        r.diagnostics().stream()
            .filter(x -> x.code().equals("LBC203"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no LBC203 in " + r.diagnostics()));
    Plan plan = Lbc.plan(r);
    String type = plan.services().get(0).check().type().word();
    String help = String.join("\n", d.helps());
    assertEquals(
        true,
        help.contains(type + " ") || help.contains(type + ","),
        "LBC203 suggests `" + help + "` but the build checks with " + type);
  }

  @Test
  void anOffloadedServiceWithoutCheckIsToldTheCheckTheBuildUses() {
    assertRuleSuggestsThePlannedCheck(
        """
          - name: S
            vip: 192.168.30.10
            ports: [443]
            mode: snat
            protocol: http
            ssl: { offload: mail }
            real-servers: [{ server: MBOX1, port: 80 }]
        """);
  }

  @Test
  void aPlainHttpsServiceWithoutCheckIsToldTheCheckTheBuildUses() {
    assertRuleSuggestsThePlannedCheck(
        """
          - name: S
            vip: 192.168.30.10
            ports: [443]
            mode: snat
            real-servers: [{ server: MBOX1, port: 443 }]
        """);
  }
}
