package dev.lbc.runtime.serve;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.runtime.admin.EmbeddedMetrics;
import dev.lbc.runtime.admin.EmbeddedStatus;
import dev.lbc.runtime.admin.Metrics;
import dev.lbc.runtime.admin.StatusProvider;
import dev.lbc.runtime.engine.BindMap;
import dev.lbc.runtime.engine.Engine;
import java.util.function.Consumer;

/** The embedded engine. */
record EmbeddedServed(Engine engine) implements Served {
  static EmbeddedServed start(Plan plan, BindMap map, Consumer<String> log, Engine.Options options)
      throws Engine.BindFailure {
    return new EmbeddedServed(Engine.start(plan, map, log, options));
  }

  @Override
  public int serviceCount() {
    return engine.services().size();
  }

  @Override
  public StatusProvider status() {
    return new EmbeddedStatus(engine);
  }

  @Override
  public String metrics() {
    return Metrics.render(EmbeddedMetrics.families(engine));
  }

  @Override
  public boolean reload(Plan plan, BindMap map) throws Engine.BindFailure {
    engine.reload(plan);
    return true;
  }

  @Override
  public void close() {
    engine.close();
  }
}
