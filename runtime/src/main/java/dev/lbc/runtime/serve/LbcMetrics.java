package dev.lbc.runtime.serve;

import dev.lbc.runtime.admin.Metrics;
import dev.lbc.runtime.admin.Metrics.Family;
import dev.lbc.runtime.engine.AccessLog;
import java.util.ArrayList;
import java.util.List;

/**
 * lbc's own metrics, after the engine's (HAProxy has none of these): whether the deployment file as
 * last changed is served, since when, and the access log lines dropped.
 */
final class LbcMetrics {
  private LbcMetrics() {}

  static String render(boolean reloadOk, long lastSuccessMs, AccessLog accessLog) {
    List<Family> f = new ArrayList<>();
    f.add(
        Family.gauge(
                "lbc_config_reload_success",
                "1 if the last load of the deployment file (the start or a reload) is served, 0 if"
                    + " it was refused and the previous configuration serves")
            .with(reloadOk ? 1 : 0));
    f.add(
        Family.gauge(
                "lbc_config_last_reload_timestamp_seconds",
                "When the deployment file was last served: the start or the last successful"
                    + " reload, in seconds since the epoch")
            .with(lastSuccessMs / 1000.0));
    if (accessLog.on()) {
      f.add(
          Family.counter(
                  "lbc_access_log_dropped_total",
                  "Access log lines dropped: the queue was full or the write failed (full disk,"
                      + " closed output)")
              .with(accessLog.dropped()));
    }
    return Metrics.render(f);
  }
}
