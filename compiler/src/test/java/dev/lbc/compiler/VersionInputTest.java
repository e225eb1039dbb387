package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.ExchangeVersion;
import dev.lbc.compiler.model.Os;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.plan.PlanJson;
import dev.lbc.compiler.plan.Planner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The versions people run reach the model and the plan in both syntaxes: Exchange Server SE with
 * its cumulative update, and Windows Server 2025.
 */
class VersionInputTest {
  private static final String YAML =
      Lbc.VALID_YAML
          .replace("exchange: 2016", "exchange: se\ncu: 1")
          .replace("address: 192.168.30.20 }", "address: 192.168.30.20, os: windows-2025 }");

  private static final String DSL =
      """
      deployment demo exchange se cu 1 {
        appliance lb1 192.168.30.5/24 primary
        server MBOX1 192.168.30.20 windows-2025
        service S 192.168.30.10:443 snat {
          real MBOX1
        }
      }
      """;

  private static Deployment model(CompileResult r) {
    assertNotNull(r.model(), r.diagnostics().toString());
    return r.model();
  }

  @Test
  void exchangeSeWithItsCuAndWindows2025ReadTheSameInBothSyntaxes() {
    for (Deployment d : List.of(model(Lbc.yaml(YAML)), model(Lbc.dsl(DSL)))) {
      assertEquals(new ExchangeVersion(ExchangeVersion.Release.SE, 1), d.exchange());
      assertEquals(Os.WINDOWS_2025, d.servers().get(0).os());
      assertEquals("Exchange Server SE CU1", d.exchange().title());
    }
    String plan = PlanJson.write(Planner.plan(model(Lbc.yaml(YAML)), "t.yaml"));
    assertEquals(true, plan.contains("\"exchange\" : \"se\""), plan);
    assertEquals(true, plan.contains("\"cu\" : 1"), plan);
    assertEquals(true, plan.contains("\"extendedProtection\" : true"), plan);
    assertEquals(true, plan.contains("\"os\" : \"windows-2025\""), plan);
  }

  @Test
  void aVersionThatDoesNotExistIsALocatedError() {
    CompileResult r = Lbc.yaml(Lbc.VALID_YAML.replace("exchange: 2016", "exchange: 2022\ncu: -1"));
    assertEquals(List.of("LBC002", "LBC002"), Lbc.codes(r), r.diagnostics().toString());
    assertEquals(3, r.diagnostics().get(0).span().line());
    assertEquals(4, r.diagnostics().get(1).span().line());
  }
}
