package dev.lbc.backends.json;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.PlanJson;
import dev.lbc.compiler.spi.Backend;
import java.util.List;

/**
 * plan.json: the plan itself, in its stable wire form ({@link PlanJson}), for review and for tools
 * that compare two builds. A backend like the others, so that a build is every registered backend
 * and nothing besides.
 */
public final class PlanJsonBackend implements Backend {
  @Override
  public String name() {
    return "plan";
  }

  @Override
  public List<GeneratedFile> renderDeployment(Plan plan) {
    return List.of(new GeneratedFile("plan.json", PlanJson.write(plan)));
  }
}
