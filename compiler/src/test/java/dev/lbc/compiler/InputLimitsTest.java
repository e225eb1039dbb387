package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Limits;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile inputs end in one LBC005 diagnostic and no model, never in an exception, a stack overflow
 * or memory exhaustion. (Their speed is covered by the benchmark script, not here.)
 */
class InputLimitsTest {

  @Test
  void thePageStatesTheLimitsTheFrontEndsEnforce() {
    String why = dev.lbc.compiler.catalog.LanguageRules.LIMITS.rationale().replace('\n', ' ');
    assertTrue(
        why.contains(String.format(java.util.Locale.ROOT, "%,d nodes", Limits.MAX_NODES)), why);
    assertTrue(why.contains(Limits.MAX_ALIASES + " YAML aliases"), why);
    assertTrue(why.contains(Limits.MAX_DEPTH + " levels"), why);
    assertTrue(why.contains(Limits.MAX_FILE_BYTES / (1024 * 1024) + " MiB"), why);
  }

  @Test
  void billionLaughsIsRefusedAtTheAliasLimit() {
    StringBuilder b =
        new StringBuilder(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'i'; c++) {
      b.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        b.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      b.append("]\n");
      prev = c;
    }
    CompileResult r = Lbc.yaml(b.toString());
    assertEquals(List.of("LBC005"), Lbc.codes(r));
    assertTrue(r.diagnostics().get(0).message().contains("aliases"));
    assertNull(r.model());
  }

  @Test
  void aliasExpansionIsBoundedEvenUnderTheAliasCount() {
    // 20 aliases, each doubling the tree: 2^20 nodes if expanded.
    StringBuilder b = new StringBuilder("a0: &a0 [x, x]\n");
    for (int i = 1; i <= 10; i++) {
      b.append("a")
          .append(i)
          .append(": &a")
          .append(i)
          .append(" [*a")
          .append(i - 1)
          .append(", *a")
          .append(i - 1)
          .append("]\n");
    }
    CompileResult r = Lbc.yaml(b.toString());
    assertTrue(
        Lbc.codes(r).contains("LBC005") || Lbc.codes(r).contains("LBC002"),
        "refused: " + Lbc.codes(r));
    assertNull(r.model());
  }

  @Test
  void deeplyNestedYamlListIsRefused() {
    String deep = "a: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
    CompileResult r = Lbc.yaml(deep);
    assertEquals(List.of("LBC005"), Lbc.codes(r));
    assertTrue(r.diagnostics().get(0).message().contains("deeper than 32"));
  }

  @Test
  void deeplyNestedBlockYamlIsRefused() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      b.append("  ".repeat(i)).append("k").append(i).append(":\n");
    }
    b.append("  ".repeat(40)).append("x\n");
    assertEquals(List.of("LBC005"), Lbc.codes(Lbc.yaml(b.toString())));
  }

  @Test
  void deeplyNestedDslBlockIsRefused() {
    String deep = "deployment d exchange 2016 " + "{".repeat(20_000) + "}".repeat(20_000);
    CompileResult r = Lbc.dsl(deep);
    assertEquals(List.of("LBC005"), Lbc.codes(r));
  }

  @Test
  void sixMebibyteFileIsRefusedBeforeParsing() {
    String big = "name: \"" + "x".repeat(6 * 1024 * 1024) + "\"\n";
    CompileResult yaml = Lbc.yaml(big);
    assertEquals(List.of("LBC005"), Lbc.codes(yaml));
    assertTrue(yaml.diagnostics().get(0).message().contains("larger than 1 MiB"));
    assertEquals(List.of("LBC005"), Lbc.codes(Lbc.dsl(big)));
  }

  @Test
  void invalidUtf8IsASyntaxError() {
    byte[] bytes = {'l', 'b', 'c', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'};
    CompileResult r =
        Lbc.COMPILER.compile("bad.yaml", bytes, dev.lbc.compiler.pipeline.Syntax.YAML);
    assertEquals(List.of("LBC001"), Lbc.codes(r));
  }

  @Test
  void validInputStillCompiles() {
    CompileResult r = Lbc.yaml(Lbc.VALID_YAML);
    assertEquals(List.of(), Lbc.codes(r));
    assertEquals("demo", r.model().name());
  }
}
