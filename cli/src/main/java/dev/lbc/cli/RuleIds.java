package dev.lbc.cli;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.RuleConfig;
import java.util.Map;

/**
 * Rule IDs and levels as a user writes them, in {@code .lbc.yaml} or in {@code --severity} and
 * {@code --disable}: an unknown ID, a rule that cannot be configured or an unknown level is a usage
 * error (exit 2) that says where it was written.
 */
record RuleIds(Map<String, RuleDescriptor> known) {
  /**
   * {@code id}, if it names a rule whose level may be set; otherwise a usage error at {@code
   * where}.
   */
  String check(Object where, String id) {
    RuleDescriptor rule = known.get(id);
    if (rule == null) {
      throw new Main.UsageError(where + ": unknown rule " + id + " (see `lbc rules`)");
    }
    String refusal = RuleConfig.refusal(rule);
    if (refusal != null) {
      throw new Main.UsageError(where + ": " + refusal);
    }
    return id;
  }

  /** The severity {@code level} names; otherwise a usage error at {@code where}. */
  static Severity severity(Object where, String id, String level) {
    Severity s = Severity.parse(level);
    if (s == null) {
      throw new Main.UsageError(
          where + ": " + id + "=" + level + ": the level must be error, warning or info");
    }
    return s;
  }
}
