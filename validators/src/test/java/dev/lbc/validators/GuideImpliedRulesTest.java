package dev.lbc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.testsupport.Lbc;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the guides imply about severities and defaults, beyond what the golden markers can say: a
 * marker names a rule, not how loud it is, and not what the build emits.
 */
class GuideImpliedRulesTest {
  private static final String HEAD =
      """
      lbc: 1
      name: demo
      exchange: 2016
      appliances:
        primary: { hostname: lb1, address: 192.168.30.5/24 }
        secondary: { hostname: lb2, address: 192.168.30.6/24 }
        admin-password: ${env:LB_ADMIN_PASSWORD}
      servers:
        - { name: MBOX1, address: 192.168.30.20 }
        - { name: MBOX2, address: 192.168.30.21 }
      """;

  private static final String SMTP =
      """
        - name: MBOX-SMTP
          vip: 192.168.30.10
          ports: [25]
          mode: snat
          lockdown: { allow: [192.168.30.50] }
          real-servers: [{ server: MBOX1, port: 25 }, { server: MBOX2, port: 25 }]
      """;

  /** The guides' single namespace for OWA, EWS and MAPI on one layer 4 service checked on OWA. */
  private static final String SHARED_LAYER4 =
      """
        - { host: mail.example.com, service: MBOX-HTTPS, purpose: [owa, ews, mapi] }
      services:
        - name: MBOX-HTTPS
          vip: 192.168.30.10
          ports: [443]
          mode: dr
          health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
          real-servers: [{ server: MBOX1 }, { server: MBOX2 }]
      """;

  private static List<Diagnostic> findings(CompileResult r, String code) {
    return r.diagnostics().stream().filter(d -> d.code().equals(code)).toList();
  }

  @Test
  void theGuidesSingleNamespaceAtLayer4IsInformationNotAWarning() {
    CompileResult r =
        Lbc.lint(
            HEAD
                + """
                namespaces:
                  - { host: autodiscover.example.com, service: MBOX-HTTPS, purpose: [autodiscover] }
                """
                + SHARED_LAYER4
                + SMTP);
    List<Diagnostic> found = findings(r, "LBC213");
    assertEquals(1, found.size(), r.diagnostics().toString());
    assertEquals(Severity.INFO, found.get(0).severity(), found.get(0).message());
  }

  @Test
  void aNamespaceMixingProtocolsThatHaveTheirOwnChecksElsewhereIsAWarning() {
    CompileResult r =
        Lbc.lint(
            HEAD
                + """
                namespaces:
                  - { host: ews.example.com, service: MBOX-EWS, purpose: [ews] }
                """
                + SHARED_LAYER4
                + """
                  - name: MBOX-EWS
                    vip: 192.168.30.11
                    ports: [443]
                    mode: dr
                    health-check: { type: https-get, path: /ews/healthcheck.htm, expect: 200 }
                    real-servers: [{ server: MBOX1 }, { server: MBOX2 }]
                """
                + SMTP);
    List<Diagnostic> found = findings(r, "LBC213");
    assertEquals(1, found.size(), r.diagnostics().toString());
    assertEquals(Severity.WARNING, found.get(0).severity(), found.get(0).message());
    assertTrue(found.get(0).message().contains("ews"), found.get(0).message());
  }

  @Test
  void anHttpsServiceWithoutCheckGetsTheGuidesCheckAndNoWarning() {
    CompileResult r =
        Lbc.lint(
            HEAD
                + """
                services:
                  - name: MBOX-HTTPS
                    vip: 192.168.30.10
                    ports: [443]
                    mode: snat
                    real-servers: [{ server: MBOX1, port: 443 }]
                  - name: MBOX-OWA
                    vip: 192.168.30.11
                    ports: [443]
                    mode: snat
                    health-check: { type: https-get }
                    real-servers: [{ server: MBOX1, port: 443 }]
                """
                + SMTP);
    assertEquals(List.of(), findings(r, "LBC203"));
    Plan plan = Lbc.plan(r);
    for (int i = 0; i < 2; i++) {
      Plan.CheckPlan c = plan.services().get(i).check();
      assertEquals(CheckType.HTTPS_GET, c.type());
      assertEquals("/owa/healthcheck.htm", c.path());
      assertEquals(200, c.expect());
    }
    assertTrue(plan.services().get(0).check().defaulted(), "no check written: the default");
    assertTrue(!plan.services().get(1).check().defaulted(), "a check written: not the default");
  }

  @Test
  void aCheckThatAccepts401IsStillReported() {
    CompileResult r =
        Lbc.lint(
            HEAD
                + """
                services:
                  - name: MBOX-HTTPS
                    vip: 192.168.30.10
                    ports: [443]
                    mode: snat
                    health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 401 }
                    real-servers: [{ server: MBOX1, port: 443 }]
                """
                + SMTP);
    List<Diagnostic> found = findings(r, "LBC203");
    assertEquals(1, found.size(), r.diagnostics().toString());
    assertTrue(found.get(0).message().contains("401"), found.get(0).message());
  }
}
