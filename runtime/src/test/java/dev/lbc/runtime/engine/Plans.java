package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.spi.Rules;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helper: the plan of a deployment written in YAML, which must compile. */
public final class Plans {
  private Plans() {}

  public static Plan of(String yaml) {
    CompileResult r =
        new Compiler(Rules.of(List.of()), false)
            .compile("t.yaml", yaml.getBytes(StandardCharsets.UTF_8), Syntax.YAML);
    assertTrue(r.model() != null, r.diagnostics().toString());
    return Planner.plan(r.model(), "t.yaml");
  }
}
