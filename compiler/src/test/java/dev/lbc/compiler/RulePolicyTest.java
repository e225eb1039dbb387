package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.catalog.LanguageRules;
import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.RuleConfig;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.Rules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whether a rule can be configured or suppressed is said once, in its descriptor, and every place
 * that applies configuration or suppressions asks the descriptor.
 */
class RulePolicyTest {

  /** A lint rule that fires once on the deployment's name, with the given policy. */
  private static LintRule onName(String id, boolean configurable, boolean suppressible) {
    RuleDescriptor d =
        new RuleDescriptor(
            id,
            "test-" + id,
            Severity.WARNING,
            "A test rule",
            "why",
            "fix",
            "",
            "",
            "",
            configurable,
            suppressible);
    return Lbc.rule(
        d,
        (deployment, context) ->
            context.report(context.at(deployment.src().of("name"), "the name")));
  }

  private static CompileResult compile(Rules rules, RuleConfig config, String yaml) {
    return new Compiler(rules, false)
        .with(config)
        .compile("t.yaml", yaml.getBytes(StandardCharsets.UTF_8), Syntax.YAML);
  }

  private static final String SUPPRESSED =
      Lbc.VALID_YAML.replace("name: demo", "# lbc-disable LBC998 accepted here\nname: demo");

  @Test
  void aSuppressibleRuleIsSilencedAndAnUnsuppressibleOneIsNot() {
    Rules rules = Rules.of(List.of(onName("LBC998", true, true)));
    assertEquals(List.of(), Lbc.codes(compile(rules, RuleConfig.DEFAULT, SUPPRESSED)));

    Rules fixed = Rules.of(List.of(onName("LBC998", true, false)));
    CompileResult r = compile(fixed, RuleConfig.DEFAULT, SUPPRESSED);
    assertEquals(List.of("LBC009", "LBC998"), Lbc.codes(r), r.diagnostics().toString());
    assertTrue(
        r.diagnostics().get(0).message().contains("LBC998 cannot be suppressed"),
        r.diagnostics().get(0).message());
  }

  @Test
  void configurationAppliesOnlyToConfigurableRules() {
    RuleConfig off = new RuleConfig(Map.of(), Set.of("LBC998"));
    RuleConfig error = new RuleConfig(Map.of("LBC998", Severity.ERROR), Set.of());
    Rules open = Rules.of(List.of(onName("LBC998", true, true)));
    assertEquals(List.of(), Lbc.codes(compile(open, off, Lbc.VALID_YAML)));
    assertEquals(
        Severity.ERROR, compile(open, error, Lbc.VALID_YAML).diagnostics().get(0).severity());

    Rules fixed = Rules.of(List.of(onName("LBC998", false, true)));
    assertEquals(List.of("LBC998"), Lbc.codes(compile(fixed, off, Lbc.VALID_YAML)));
    assertEquals(
        Severity.WARNING, compile(fixed, error, Lbc.VALID_YAML).diagnostics().get(0).severity());
    assertFalse(fixed.descriptor("LBC998").configurable());
  }

  @Test
  void aDirectiveForALanguageRuleThatCannotBeSuppressedIsReported() {
    CompileResult r =
        Lbc.yaml("# lbc-disable LBC005 the file is big on purpose\n" + Lbc.VALID_YAML);
    List<Diagnostic> found = r.diagnostics();
    assertEquals(List.of("LBC009"), Lbc.codes(r), found.toString());
    assertEquals(1, found.get(0).span().line());
    assertTrue(found.get(0).message().contains("LBC005 cannot be suppressed"), found.toString());
  }

  @Test
  void aPageOffersSuppressionOnlyForRulesThatCanBeSuppressed() {
    for (RuleDescriptor d : LanguageRules.ALL) {
      assertEquals(
          d.suppressible(),
          d.page().contains("# lbc-disable " + d.id()),
          d.id() + " page and policy disagree:\n" + d.page());
    }
    assertFalse(LanguageRules.SYNTAX.suppressible());
    assertFalse(LanguageRules.LIMITS.suppressible());
    assertTrue(LanguageRules.SCHEMA.suppressible());
    assertFalse(LanguageRules.SYNTAX.configurable());
    assertTrue(LanguageRules.BAD_SUPPRESSION.configurable());
  }

  @Test
  void twoRulesWithOneIdAreRefused() {
    assertThrows(
        IllegalStateException.class,
        () -> Rules.of(List.of(onName("LBC998", true, true), onName("LBC998", true, true))));
  }
}
