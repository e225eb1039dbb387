package dev.lbc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.RuleConfig;
import dev.lbc.compiler.spi.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule of the run (LBC117) goes to the file its span is in, through that file's suppressions and
 * settings, like any finding of the file's own: one run, several files, each judged as a file.
 */
class RunRulesTest {
  private static final Compiler COMPILER = new Compiler(Rules.load(), true);

  private static String pair(String name, String extra) {
    return "lbc: 1\nname: "
        + name
        + "\nexchange: 2016\nappliances:\n"
        + "  primary: { hostname: lb1, address: 192.168.30.5/24 }\n"
        + "  secondary: { hostname: lb2, address: 192.168.30.6/24 }\n"
        + "  admin-password: ${env:LB_ADMIN_PASSWORD}\n"
        + "  vrrp-id: 42\n"
        + extra
        + "servers:\n  - { name: MBOX1, address: 192.168.30.20 }\n"
        + "services:\n"
        + "  - { name: S, vip: 192.168.30.10, ports: [25], mode: dr,"
        + " real-servers: [{ server: MBOX1 }] }\n";
  }

  private static List<CompileResult> run(Path dir, String second, RuleConfig secondConfig)
      throws Exception {
    Path a = dir.resolve("a.yaml");
    Path b = dir.resolve("b.yaml");
    Files.writeString(a, pair("alpha", ""));
    Files.writeString(b, second);
    return COMPILER.compileRun(
        List.of(
            new Compiler.Input(a, "a.yaml", RuleConfig.DEFAULT),
            new Compiler.Input(b, "b.yaml", secondConfig)));
  }

  private static List<Diagnostic> lbc117(CompileResult r) {
    List<Diagnostic> out = new ArrayList<>();
    r.diagnostics().stream().filter(d -> d.code().equals("LBC117")).forEach(out::add);
    return out;
  }

  @Test
  void theSecondFileHoldsTheFindingAndTheFirstIsItsOtherSide(@TempDir Path tmp) throws Exception {
    List<CompileResult> r = run(tmp, pair("beta", ""), RuleConfig.DEFAULT);
    assertEquals(List.of(), lbc117(r.get(0)));
    List<Diagnostic> found = lbc117(r.get(1));
    assertEquals(1, found.size(), r.get(1).diagnostics().toString());
    Diagnostic d = found.get(0);
    assertEquals("b.yaml", d.span().file().displayPath());
    assertEquals(8, d.span().line(), "at the second file's vrrp-id");
    assertEquals("a.yaml", d.secondary().get(0).span().file().displayPath());
    assertEquals(8, d.secondary().get(0).span().line());
  }

  @Test
  void aSuppressionInTheSecondFileSilencesItAndCountsAsUsed(@TempDir Path tmp) throws Exception {
    String suppressed =
        pair("beta", "")
            .replace(
                "  vrrp-id: 42\n",
                "  # lbc-disable LBC117 a lab pair, never on the network\n  vrrp-id: 42\n");
    List<CompileResult> r = run(tmp, suppressed, RuleConfig.DEFAULT);
    assertTrue(
        r.get(1).diagnostics().stream().noneMatch(d -> d.code().startsWith("LBC01")),
        r.get(1).diagnostics().toString());
    assertEquals(List.of(), lbc117(r.get(1)));
  }

  @Test
  void theSecondFilesSettingsApply(@TempDir Path tmp) throws Exception {
    List<CompileResult> r = run(tmp, pair("beta", ""), new RuleConfig(Map.of(), Set.of("LBC117")));
    assertEquals(List.of(), lbc117(r.get(1)));
  }
}
