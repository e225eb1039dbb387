package dev.lbc.runtime.serve;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.runtime.admin.StatusProvider;
import dev.lbc.runtime.engine.BindMap;

/** What serves the deployment: the embedded engine or a supervised HAProxy. */
interface Served extends AutoCloseable {
  int serviceCount();

  StatusProvider status();

  /** The engine's metrics as Prometheus text, under HAProxy's exporter's names. */
  String metrics() throws java.io.IOException;

  /** Serves {@code plan}; false (having logged why) if the previous one keeps serving. */
  boolean reload(Plan plan, BindMap map) throws Exception;

  @Override
  void close();
}
