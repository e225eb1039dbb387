package dev.lbc.compiler.pipeline;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Severity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A team's adjustments to the catalogue: rules turned off and severities changed, from {@code
 * --disable}/{@code --severity} or a {@code .lbc.yaml} project file. It applies only to rules whose
 * descriptor says they are {@link RuleDescriptor#configurable() configurable}; {@link #refusal}
 * says why another cannot be named.
 */
public record RuleConfig(Map<String, Severity> severities, Set<String> disabled) {
  public static final RuleConfig DEFAULT = new RuleConfig(Map.of(), Set.of());

  public RuleConfig {
    severities = Map.copyOf(severities);
    disabled = Set.copyOf(disabled);
  }

  /** Why {@code rule} cannot be configured, or null if it can. */
  public static String refusal(RuleDescriptor rule) {
    return rule.configurable()
        ? null
        : rule.id() + " (" + rule.slug() + ") cannot be disabled or given another severity";
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
