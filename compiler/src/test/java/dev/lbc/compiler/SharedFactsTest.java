package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.RuleConfig;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rules share what they derive from a deployment (the topology) through the rule context: built by
 * the first rule that asks, once per lint run, and never by a run whose rules do not ask.
 */
class SharedFactsTest {
  /** Something costly derived from a deployment; counts how often it is built. */
  record Index(Deployment deployment) {
    static final AtomicInteger BUILT = new AtomicInteger();

    static Index build(Deployment d) {
      BUILT.incrementAndGet();
      return new Index(d);
    }
  }

  private static LintRule rule(String id, boolean needsIndex, List<Index> seen) {
    RuleDescriptor d =
        new RuleDescriptor(id, "t-" + id, Severity.WARNING, "T", "why", "fix", "", "", "");
    return Lbc.rule(
        d,
        (deployment, context) -> {
          if (needsIndex) {
            seen.add(context.shared(Index.class, Index::build));
          }
        });
  }

  private static Deployment model() {
    return Lbc.yaml(Lbc.VALID_YAML).model();
  }

  @Test
  void builtOncePerRunAndSharedByEveryRuleThatAsks() {
    List<Index> seen = new ArrayList<>();
    Rules rules =
        Rules.of(
            List.of(
                rule("LBC901", true, seen),
                rule("LBC902", false, seen),
                rule("LBC903", true, seen)));
    Deployment d = model();
    Index.BUILT.set(0);
    Compiler.lint(d, rules, RuleConfig.DEFAULT);
    assertEquals(1, Index.BUILT.get());
    assertEquals(2, seen.size());
    assertSame(seen.get(0), seen.get(1));
    assertSame(d, seen.get(0).deployment());

    Compiler.lint(model(), rules, RuleConfig.DEFAULT);
    assertEquals(2, Index.BUILT.get(), "a new run derives from its own deployment");
  }

  @Test
  void notBuiltWhenNoRuleAsks() {
    Rules rules = Rules.of(List.of(rule("LBC902", false, new ArrayList<>())));
    Index.BUILT.set(0);
    Compiler.lint(model(), rules, RuleConfig.DEFAULT);
    assertEquals(0, Index.BUILT.get());
  }
}
