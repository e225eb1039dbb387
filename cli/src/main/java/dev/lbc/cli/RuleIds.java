package dev.lbc.cli;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.RuleConfig;
import dev.lbc.compiler.spi.Rules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules and levels as a user writes them, in {@code .lbc.yaml} or in {@code --severity} and {@code
 * --disable}: an ID ({@code LBC101}) or a name ({@code dr-port-translation}), in any case. An
 * unknown rule (with a did-you-mean), a rule that cannot be configured or an unknown level is a
 * usage error (exit 2) that says where it was written. The rules are read only when a rule is
 * named, so a lint without settings never waits for them here.
 */
record RuleIds(Rules rules) {
  /**
   * The ID of the rule {@code written} names, if its level may be set; otherwise a usage error at
   * {@code where}.
   */
  String check(Object where, String written) {
    RuleDescriptor rule = find(written.strip());
    if (rule == null) {
      List<String> words = new ArrayList<>();
      for (RuleDescriptor r : rules.byId().values()) {
        words.add(r.id());
        words.add(r.slug());
      }
      String suggestion = Messages.didYouMean(written.strip(), words);
      throw new Main.UsageError(
          where
              + ": unknown rule "
              + Messages.quote(written)
              + (suggestion == null
                  ? " (see `lbc rules`)"
                  : "; did you mean " + suggestion + "? (see `lbc rules`)"));
    }
    String refusal = RuleConfig.refusal(rule);
    if (refusal != null) {
      throw new Main.UsageError(where + ": " + refusal);
    }
    return rule.id();
  }

  private RuleDescriptor find(String written) {
    for (RuleDescriptor r : rules.byId().values()) {
      if (r.id().equalsIgnoreCase(written) || r.slug().equalsIgnoreCase(written)) {
        return r;
      }
    }
    return null;
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

  /** Parses {@code --severity RULE=LEVEL} and {@code --disable RULE[,RULE]} options. */
  RuleConfig fromOptions(Map<String, String> severity, List<String> disable) {
    Map<String, Severity> severities = new HashMap<>();
    // a loop, not forEach with a lambda: every lint comes here, and a lambda is linked at run time
    for (Map.Entry<String, String> e : severity.entrySet()) {
      String id = e.getKey();
      String level = e.getValue();
      if (id.isBlank()) {
        throw new Main.UsageError(
            "--severity takes ID=LEVEL, e.g. LBC202=error, not `" + id + "=" + level + "`");
      }
      severities.put(check("--severity", id), RuleIds.severity("--severity", id, level));
    }
    Set<String> disabled = new HashSet<>();
    for (String list : disable) {
      for (String id : list.split(",", -1)) {
        if (id.isBlank()) {
          throw new Main.UsageError("--disable: an empty rule ID in `" + list + "`");
        }
        disabled.add(check("--disable", id.trim()));
      }
    }
    return new RuleConfig(severities, disabled);
  }
}
