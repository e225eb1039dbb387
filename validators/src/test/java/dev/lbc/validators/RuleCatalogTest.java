package dev.lbc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.catalog.LanguageRules;
import dev.lbc.compiler.catalog.Markers;
import dev.lbc.compiler.catalog.Markers.Marker;
import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.RuleConfig;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.Rules;
import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The catalogue guards itself. The rule IDs come from the registered descriptors, never from a list
 * kept by hand, and for every rule:
 *
 * <ul>
 *   <li>its class is registered once and its page is complete;
 *   <li>its bad example carries {@code # ~ LBCxxx} on the offending line and the rule fires on
 *       exactly the marked lines, while its good example is clean (ShellCheck's
 *       prop_verifyOptionalExamples, with the line checked too);
 *   <li>a lint rule has a golden trigger {@code golden/rules/lbcNNN-<what>/}, whose input marks the
 *       rule's lines, and a near miss {@code golden/rules/lbcNNN-near-miss-<what>/}, a neighbouring
 *       case the rule must stay silent on, with no marker for it;
 *   <li>a language rule with an example has a golden trigger in {@code golden/diagnostics/}.
 * </ul>
 */
class RuleCatalogTest {
  private static final Rules RULES = Rules.load();
  // at the tests' clock: the certificate rules' example files are dated (golden/certs/README.md)
  private static final Compiler COMPILER = new Compiler(RULES, false).at(Lbc.NOW);

  /** A rule case folder: {@code lbc101-dr-port-translation}, {@code lbc101-near-miss-...}. */
  private static final Pattern RULE_CASE = Pattern.compile("lbc([0-9]{3})-(near-miss-)?[a-z0-9-]+");

  /**
   * One golden case folder and what it holds: one input, or several linted in one run (a rule about
   * what files share), in name order.
   */
  private record GoldenCase(Path dir, List<Path> inputs, List<String> texts) {
    String name() {
      return dir.getFileName().toString();
    }

    List<Marker> markers(String code) {
      List<Marker> out = new ArrayList<>();
      texts.forEach(t -> out.addAll(Markers.in(t)));
      return out.stream().filter(m -> m.code().equals(code)).toList();
    }

    /** Where each input marks {@code code}, as "file line" when there are several files. */
    List<String> marked(String code) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        for (Marker m : Markers.in(texts.get(i))) {
          if (m.code().equals(code)) {
            out.add(where(inputs.get(i).toString(), m.line()));
          }
        }
      }
      return out.stream().sorted().toList();
    }

    /** Where {@code code} is found when the inputs are linted in one run. */
    List<String> found(String code) {
      List<Compiler.Input> run = new ArrayList<>();
      inputs.forEach(i -> run.add(new Compiler.Input(i, i.toString(), RuleConfig.DEFAULT)));
      List<String> out = new ArrayList<>();
      for (CompileResult r : COMPILER.compileRun(run)) {
        for (Diagnostic d : r.diagnostics()) {
          if (d.code().equals(code)) {
            out.add(where(r.file().displayPath(), d.span().line()));
          }
        }
      }
      return out.stream().sorted().toList();
    }

    private String where(String file, int line) {
      return (inputs.size() == 1 ? "" : file + " ") + line;
    }
  }

  private static CompileResult compile(String yaml) {
    // in the folder that holds the certificates the examples name (golden/certs/README.md)
    return COMPILER.compile(
        "example.yaml",
        yaml.getBytes(StandardCharsets.UTF_8),
        Syntax.YAML,
        Repo.root().resolve("golden/certs/examples"));
  }

  /** Where {@code code} reported, as markers, in line order. */
  private static List<Marker> found(CompileResult r, String code) {
    return r.diagnostics().stream()
        .filter(d -> d.code().equals(code))
        .map(d -> new Marker(d.span().line(), d.code()))
        .sorted((a, b) -> Integer.compare(a.line(), b.line()))
        .toList();
  }

  private static List<GoldenCase> cases(String folder) {
    try (Stream<Path> s = Files.list(Repo.root().resolve(folder))) {
      List<GoldenCase> out = new ArrayList<>();
      for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> files = Files.list(dir)) {
          List<Path> inputs =
              files.filter(p -> p.getFileName().toString().startsWith("input.")).sorted().toList();
          assertFalse(inputs.isEmpty(), dir + " has no input file");
          List<String> texts = new ArrayList<>();
          for (Path input : inputs) {
            texts.add(Files.readString(input, StandardCharsets.UTF_8));
          }
          out.add(new GoldenCase(dir, inputs, texts));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<RuleDescriptor> lintDescriptors() {
    return RULES.lintRules().stream().map(LintRule::descriptor).toList();
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
  void idsSayWhichKindOfRuleTheyAre() {
    for (RuleDescriptor d : LanguageRules.ALL) {
      assertTrue(d.id().matches("LBC0[0-9]{2}"), d.id() + " is a language rule");
    }
    for (RuleDescriptor d : lintDescriptors()) {
      assertTrue(d.id().matches("LBC[1-9][0-9]{2}"), d.id() + " is a lint rule");
      assertTrue(d.configurable() && d.suppressible(), d.id() + ": a team decides on lint rules");
    }
    assertEquals(LanguageRules.ALL.size() + lintDescriptors().size(), RULES.ids().size());
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
  Stream<DynamicTest> badExampleFiresOnItsMarkedLinesAndGoodExampleIsClean() {
    return RULES.descriptors().stream()
        .filter(d -> !d.badExample().isEmpty())
        .map(d -> DynamicTest.dynamicTest(d.id() + " " + d.slug(), () -> checkExamples(d)));
  }

  private static void checkExamples(RuleDescriptor d) {
    List<Marker> marked = Markers.in(d.badExample());
    assertFalse(
        marked.isEmpty(), d.id() + " bad example must mark the offending line with # ~ " + d.id());
    for (Marker m : marked) {
      assertEquals(d.id(), m.code(), d.id() + " bad example marks another rule on line " + m);
    }
    CompileResult bad = compile(d.badExample());
    assertEquals(
        marked, found(bad, d.id()), d.id() + " bad example: marked vs found " + bad.diagnostics());
    boolean lintRule = !LanguageRules.ALL.contains(d);
    if (lintRule) {
      assertEquals(
          Set.of(d.id()),
          new HashSet<>(bad.diagnostics().stream().map(Diagnostic::code).toList()),
          d.id() + " bad example must trigger only its rule: " + bad.diagnostics());
    }
    assertEquals(List.of(), Markers.in(d.goodExample()), d.id() + " good example marks a line");
    if (!d.goodExample().isEmpty()) {
      CompileResult good = compile(d.goodExample());
      List<Diagnostic> unexpected =
          good.diagnostics().stream()
              .filter(x -> lintRule || x.code().equals(d.id()) || x.code().startsWith("LBC0"))
              .toList();
      assertEquals(List.of(), unexpected, d.id() + " good example is not clean");
    }
  }

  @TestFactory
  Stream<DynamicTest> everyLintRuleHasAGoldenTriggerAndANearMiss() {
    List<GoldenCase> cases = cases("golden/rules");
    return lintDescriptors().stream()
        .map(
            d ->
                DynamicTest.dynamicTest(d.id() + " " + d.slug(), () -> checkGoldenCases(d, cases)));
  }

  private static void checkGoldenCases(RuleDescriptor d, List<GoldenCase> cases) {
    String prefix = d.id().toLowerCase(java.util.Locale.ROOT) + "-";
    List<GoldenCase> triggers = new ArrayList<>();
    List<GoldenCase> nearMisses = new ArrayList<>();
    for (GoldenCase c : cases) {
      if (c.name().startsWith(prefix + "near-miss-")) {
        nearMisses.add(c);
      } else if (c.name().startsWith(prefix)) {
        triggers.add(c);
      }
    }
    assertFalse(
        triggers.isEmpty(),
        d.id() + " has no golden trigger: add golden/rules/" + prefix + "<what>/");
    assertFalse(
        nearMisses.isEmpty(),
        d.id() + " has no near miss: add golden/rules/" + prefix + "near-miss-<what>/");
    for (GoldenCase t : triggers) {
      List<String> marked = t.marked(d.id());
      assertFalse(marked.isEmpty(), t.name() + " marks no line with # ~ " + d.id());
      assertEquals(marked, t.found(d.id()), t.name() + ": marked vs found");
    }
    for (GoldenCase n : nearMisses) {
      assertEquals(List.of(), n.markers(d.id()), n.name() + " is a near miss: no # ~ " + d.id());
      assertEquals(List.of(), n.found(d.id()), n.name() + " must not trigger " + d.id());
    }
  }

  @Test
  void everyRuleCaseNamesARegisteredLintRule() {
    Set<String> lintIds = new HashSet<>();
    lintDescriptors().forEach(d -> lintIds.add(d.id()));
    for (GoldenCase c : cases("golden/rules")) {
      if (!c.name().startsWith("lbc")) {
        continue; // a case of the suppression machinery, not of one rule
      }
      Matcher m = RULE_CASE.matcher(c.name());
      assertTrue(m.matches(), c.name() + ": name it lbcNNN-<what> or lbcNNN-near-miss-<what>");
      assertTrue(lintIds.contains("LBC" + m.group(1)), c.name() + " names no registered rule");
    }
  }

  @TestFactory
  Stream<DynamicTest> everyLanguageRuleWithAnExampleHasAGoldenTrigger() {
    List<GoldenCase> cases = cases("golden/diagnostics");
    return LanguageRules.ALL.stream()
        .filter(d -> !d.badExample().isEmpty())
        .map(
            d ->
                DynamicTest.dynamicTest(
                    d.id() + " " + d.slug(),
                    () ->
                        assertTrue(
                            cases.stream().anyMatch(c -> !c.markers(d.id()).isEmpty()),
                            "no golden/diagnostics case marks # ~ " + d.id())));
  }
}
