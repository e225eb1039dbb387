package dev.lbc.compiler.pipeline;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Severity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A team's adjustments to the catalogue: rules turned off and severities changed, from {@code
 * --disable}/{@code --severity} or a {@code .lbc.yaml} project file. The language rules
 * LBC001-LBC005 cannot be changed: a file that does not parse or violates the schema has no model
 * to lint.
 */
public record RuleConfig(Map<String, Severity> severities, Set<String> disabled) {
  public static final RuleConfig DEFAULT = new RuleConfig(Map.of(), Set.of());

  private static final Set<String> FIXED = Set.of("LBC001", "LBC002", "LBC003", "LBC004", "LBC005");

  public RuleConfig {
    severities = Map.copyOf(severities);
    disabled = Set.copyOf(disabled);
  }

  /** Why {@code id} cannot be configured, or null if it can. */
  public static String refuse(String id) {
    return FIXED.contains(id) ? id + " is a language rule and cannot be disabled or changed" : null;
  }

  /** This configuration with {@code over} applied on top (command line over project file). */
  public RuleConfig overriddenBy(RuleConfig over) {
    Map<String, Severity> s = new HashMap<>(severities);
    s.putAll(over.severities);
    Set<String> d = new HashSet<>(disabled);
    d.addAll(over.disabled);
    return new RuleConfig(s, d);
  }

  public boolean isDisabled(String id) {
    return disabled.contains(id);
  }

  /** The diagnostic with its configured severity, or null if its rule is disabled. */
  public Diagnostic apply(Diagnostic d) {
    if (disabled.contains(d.code())) {
      return null;
    }
    Severity s = severities.get(d.code());
    return s == null ? d : d.withSeverity(s);
  }
}
