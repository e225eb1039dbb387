package dev.lbc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.Rules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The registry and every rule's page: IDs unique and registered, metadata complete, and each page's
 * bad example triggers its rule while the good one is clean (ShellCheck's
 * prop_verifyOptionalExamples).
 */
class RuleCatalogTest {
  private static final Rules RULES = Rules.load();
  private static final Compiler COMPILER = new Compiler(RULES, false);

  private static CompileResult compile(String yaml) {
    return COMPILER.compile("example.yaml", yaml.getBytes(StandardCharsets.UTF_8), Syntax.YAML);
  }

  @Test
  void everyRuleClassIsRegisteredOnce() throws IOException {
    Path dir = Path.of("src/main/java/dev/lbc/validators/rules");
    Set<String> classes = new HashSet<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString().replace(".java", ""))
          .filter(n -> !n.equals("Example") && !n.equals("package-info"))
          .forEach(classes::add);
    }
    Set<String> registered = new HashSet<>();
    for (LintRule r : RULES.lintRules()) {
      assertTrue(registered.add(r.getClass().getSimpleName()), "registered twice: " + r);
    }
    assertEquals(classes, registered);
  }

  @Test
  void designRuleIdsAreAllImplemented() {
    Set<String> ids = RULES.ids();
    for (String id :
        List.of(
            "LBC101", "LBC102", "LBC103", "LBC104", "LBC105", "LBC106", "LBC107", "LBC108",
            "LBC201", "LBC202", "LBC203", "LBC204", "LBC205", "LBC206", "LBC207", "LBC208",
            "LBC209", "LBC210", "LBC211", "LBC212", "LBC213", "LBC214", "LBC301", "LBC302",
            "LBC303")) {
      assertTrue(ids.contains(id), id + " is not implemented");
    }
  }

  @Test
  void metadataIsComplete() {
    Set<String> slugs = new HashSet<>();
    for (RuleDescriptor d : RULES.descriptors()) {
      assertTrue(d.id().matches("LBC[0-9]{3}"), d.id());
      assertTrue(slugs.add(d.slug()), "duplicate slug " + d.slug());
      assertFalse(d.title().endsWith("."), d.id() + " title ends with a period");
      assertFalse(d.rationale().isBlank(), d.id());
      assertFalse(d.fix().isBlank(), d.id());
      if (d.id().compareTo("LBC100") > 0 && !d.id().equals("LBC303")) {
        assertTrue(
            d.guide().contains("guide") || d.guide().contains("Microsoft"),
            d.id() + " must name the guide section it enforces");
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> badExampleTriggersAndGoodExampleIsClean() {
    return RULES.lintRules().stream()
        .map(LintRule::descriptor)
        .map(
            d ->
                DynamicTest.dynamicTest(
                    d.id() + " " + d.slug(),
                    () -> {
                      CompileResult bad = compile(d.badExample());
                      List<String> badCodes =
                          bad.diagnostics().stream().map(Diagnostic::code).toList();
                      assertTrue(
                          badCodes.contains(d.id()),
                          d.id() + " bad example gave " + bad.diagnostics());
                      assertEquals(
                          Set.of(d.id()),
                          new HashSet<>(badCodes),
                          d.id() + " bad example must trigger only its rule: " + bad.diagnostics());
                      CompileResult good = compile(d.goodExample());
                      assertEquals(
                          List.of(), good.diagnostics(), d.id() + " good example is not clean");
                    }));
  }
}
