package dev.lbc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.spi.Rules;
import dev.lbc.testsupport.Lbc;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Exchange version decides Extended Protection's default, and with it whether SSL offload is
 * refused (LBC212): on from Exchange 2019 CU14 and in Exchange Server SE, off before CU14 and in
 * 2013 and 2016. The pull request that installs CU14 is the one that must turn red.
 */
class ExchangeVersionTest {
  private static final String OFFLOAD =
      """
      lbc: 1
      name: demo
      %s
      appliances:
        primary: { hostname: lb1, address: 192.168.30.5/24 }
        secondary: { hostname: lb2, address: 192.168.30.6/24 }
        admin-password: ${env:LB_ADMIN_PASSWORD}
      servers:
        - { name: MBOX1, address: 192.168.30.20 }
      certificates: [{ name: Cert, pem: mail.pem }]
      services:
        - name: MBOX-HTTPS
          vip: 192.168.30.10
          ports: [443]
          mode: snat
          protocol: http
          health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
          ssl: { offload: Cert }
          real-servers: [{ server: MBOX1, port: 443 }]
      """;

  private static List<Diagnostic> lbc212(String version) {
    CompileResult r = Lbc.lint(OFFLOAD.formatted(version));
    assertNotNull(r.model(), r.diagnostics().toString());
    return r.diagnostics().stream().filter(d -> d.code().equals("LBC212")).toList();
  }

  @Test
  void bumpingExchange2019FromCu13ToCu14TurnsOffloadRed() {
    assertEquals(List.of(), lbc212("exchange: 2019\ncu: 13"));
    List<Diagnostic> after = lbc212("exchange: 2019\ncu: 14");
    assertEquals(1, after.size(), after.toString());
    assertEquals(
        "Extended Protection is on by default for Exchange 2019 CU14 and later",
        after.get(0).notes().get(0));
  }

  @Test
  void extendedProtectionDefaultsFollowTheVersion() {
    assertEquals(1, lbc212("exchange: se").size(), "SE");
    assertEquals(1, lbc212("exchange: se\ncu: 1").size(), "SE CU1");
    assertEquals(1, lbc212("exchange: 2019").size(), "2019 without cu keeps today's default");
    assertEquals(1, lbc212("exchange: 2019\ncu: 15").size(), "2019 CU15");
    assertEquals(0, lbc212("exchange: 2019\ncu: 0").size(), "2019 RTM");
    assertEquals(0, lbc212("exchange: 2016").size(), "2016");
    assertEquals(0, lbc212("exchange: 2016\ncu: 23").size(), "2016 CU23");
    assertEquals(0, lbc212("exchange: 2013").size(), "2013");
    assertEquals(1, lbc212("exchange: 2016\nextended-protection: true").size(), "set on");
    assertEquals(0, lbc212("exchange: se\nextended-protection: false").size(), "set off");
  }

  private static List<Diagnostic> lbc217(String version, String now) {
    CompileResult r =
        new Compiler(Rules.load(), false)
            .at(Instant.parse(now))
            .compile(
                "t.yaml", OFFLOAD.formatted(version).getBytes(StandardCharsets.UTF_8), Syntax.YAML);
    assertNotNull(r.model(), r.diagnostics().toString());
    return r.diagnostics().stream().filter(d -> d.code().equals("LBC217")).toList();
  }

  @Test
  void aVersionPastItsEndOfSupportAtTheLintTimeIsAWarning() {
    List<Diagnostic> found = lbc217("exchange: 2016", "2026-12-01T00:00:00Z");
    assertEquals(1, found.size(), found.toString());
    assertEquals(
        "Exchange 2016 is out of support: Microsoft ended it on 2025-10-14",
        found.get(0).message());
    assertEquals(3, found.get(0).span().line(), "at the exchange: value");
    assertEquals(1, lbc217("exchange: 2013", "2023-04-12T00:00:00Z").size(), "2013, day after");
    assertEquals(0, lbc217("exchange: 2013", "2023-04-11T23:59:59Z").size(), "2013, last day");
    assertEquals(0, lbc217("exchange: 2019\ncu: 15", "2025-10-14T12:00:00Z").size(), "2019");
    assertEquals(1, lbc217("exchange: 2019\ncu: 15", "2025-10-15T00:00:00Z").size(), "2019");
    assertEquals(0, lbc217("exchange: se", "2026-12-01T00:00:00Z").size(), "SE");
  }
}
