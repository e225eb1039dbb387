package dev.lbc.validators;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.compiler.spi.Rules;
import dev.lbc.validators.net.Topology;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of one run see one topology of their deployment; another run builds its own. */
class TopologyTest {
  private static Deployment model() {
    Rules rules = Rules.load();
    String yaml = rules.descriptor("LBC101").goodExample();
    return new Compiler(rules, false)
        .compile("t.yaml", yaml.getBytes(StandardCharsets.UTF_8), Syntax.YAML)
        .model();
  }

  @Test
  void oneTopologyPerRun() {
    List<LintRule> rules = Rules.load().lintRules();
    RuleContext.Shared run = new RuleContext.Shared(model());
    Topology first = Topology.of(new RuleContext(rules.get(0).descriptor(), run));
    assertSame(first, Topology.of(new RuleContext(rules.get(1).descriptor(), run)));
    RuleContext.Shared other = new RuleContext.Shared(model());
    assertNotSame(first, Topology.of(new RuleContext(rules.get(0).descriptor(), other)));
  }
}
