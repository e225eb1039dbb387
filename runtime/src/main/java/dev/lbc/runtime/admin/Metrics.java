package dev.lbc.runtime.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus text exposition format 0.0.4: each family's HELP and TYPE lines, then its samples,
 * label values escaped. The names and labels are HAProxy's exporter's (PROMEX), so the dashboards
 * written for HAProxy read either engine.
 */
public final class Metrics {
  private Metrics() {}

  /** What {@code GET /metrics} answers with. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** A metric's samples, in the order they are written; built by one thread, then rendered. */
  public record Family(String name, String type, String help, List<Sample> samples) {
    public static Family gauge(String name, String help) {
      return new Family(name, "gauge", help, new ArrayList<>());
    }

    public static Family counter(String name, String help) {
      return new Family(name, "counter", help, new ArrayList<>());
    }

    /** Adds a sample, labels given as name, value pairs; returns this family. */
    public Family with(double value, String... labels) {
      Map<String, String> l = new LinkedHashMap<>();
      for (int i = 0; i + 1 < labels.length; i += 2) {
        l.put(labels[i], labels[i + 1]);
      }
      samples.add(new Sample(l, value));
      return this;
    }
  }

  /** One value with its labels. */
  public record Sample(Map<String, String> labels, double value) {
    public Sample {
      labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
  }

  /** The families as the text format; a family without samples is left out. */
  public static String render(List<Family> families) {
    StringBuilder b = new StringBuilder();
    for (Family f : families) {
      if (f.samples().isEmpty()) {
        continue;
      }
      b.append("# HELP ").append(f.name()).append(' ').append(escapeHelp(f.help())).append('\n');
      b.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
      for (Sample s : f.samples()) {
        b.append(f.name());
        if (!s.labels().isEmpty()) {
          b.append('{');
          String sep = "";
          for (var l : s.labels().entrySet()) {
            b.append(sep).append(l.getKey()).append("=\"").append(escapeLabel(l.getValue()));
            b.append('"');
            sep = ",";
          }
          b.append('}');
        }
        b.append(' ').append(number(s.value())).append('\n');
      }
    }
    return b.toString();
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  static String escapeLabel(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String escapeHelp(String v) {
    return v.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
