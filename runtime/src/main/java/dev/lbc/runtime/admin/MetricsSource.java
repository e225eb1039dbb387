package dev.lbc.runtime.admin;

import java.io.IOException;

/** What {@code GET /metrics} on the admin address answers: the Prometheus text of the engine. */
@FunctionalInterface
public interface MetricsSource {
  /** The metrics as Prometheus text format 0.0.4; an IOException when they cannot be read now. */
  String metrics() throws IOException;
}
