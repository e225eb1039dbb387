package dev.lbc.compiler.spi;

import dev.lbc.compiler.catalog.LanguageRules;
import dev.lbc.compiler.catalog.RuleDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** The registry: lint rules from the ServiceLoader, plus the language rules, sorted by ID. */
public final class Rules {
  private final List<LintRule> lintRules;

  private Rules(List<LintRule> lintRules) {
    this.lintRules = List.copyOf(lintRules);
  }

  /** Loads every registered rule ({@code META-INF/services/dev.lbc.compiler.spi.LintRule}). */
  public static Rules load() {
    List<LintRule> found = new ArrayList<>();
    ServiceLoader.load(LintRule.class, Rules.class.getClassLoader()).forEach(found::add);
    found.sort(Comparator.comparing(r -> r.descriptor().id()));
    return new Rules(found);
  }

  /** A registry of exactly these rules (tests). */
  public static Rules of(List<LintRule> rules) {
    return new Rules(rules);
  }

  public List<LintRule> lintRules() {
    return lintRules;
  }

  /** Every descriptor, language rules first, sorted by ID. */
  public List<RuleDescriptor> descriptors() {
    List<RuleDescriptor> all = new ArrayList<>(LanguageRules.ALL);
    lintRules.forEach(r -> all.add(r.descriptor()));
    all.sort(Comparator.comparing(RuleDescriptor::id));
    return all;
  }

  /** The descriptor of {@code id}, or null. */
  public RuleDescriptor find(String id) {
    for (RuleDescriptor d : descriptors()) {
      if (d.id().equalsIgnoreCase(id) || d.slug().equalsIgnoreCase(id)) {
        return d;
      }
    }
    return null;
  }

  public Set<String> ids() {
    Set<String> ids = new TreeSet<>();
    descriptors().forEach(d -> ids.add(d.id()));
    return ids;
  }
}
