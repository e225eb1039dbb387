package dev.lbc.compiler.spi;

import dev.lbc.compiler.catalog.LanguageRules;
import dev.lbc.compiler.catalog.RuleDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The registry: lint rules from the ServiceLoader, plus the language rules, sorted by ID. */
public final class Rules {
  private final List<LintRule> lintRules;
  private final Map<String, RuleDescriptor> byId;

  private Rules(List<LintRule> lintRules) {
    this.lintRules = List.copyOf(lintRules);
    Map<String, RuleDescriptor> ids = new TreeMap<>();
    List<RuleDescriptor> all = new ArrayList<>(LanguageRules.ALL);
    lintRules.forEach(r -> all.add(r.descriptor()));
    for (RuleDescriptor d : all) {
      if (ids.put(d.id(), d) != null) {
        throw new IllegalStateException("two rules have the ID " + d.id());
      }
    }
    this.byId = Collections.unmodifiableMap(ids);
  }

  /** The rules loaded once per process: null until a load succeeds. */
  private static volatile Rules loaded;

  /** Where {@link #load} finds the rules: the services file, unless a program names a list. */
  private static volatile Supplier<List<LintRule>> registry = Rules::registered;

  /**
   * Has {@link #load} take the rules from {@code rules} instead of the services file: the CLI names
   * {@code PreparedRules}, the same list written out, because finding the services file opened the
   * jar and read its 8,000-entry central directory on every cold lint (docs/performance.md). A test
   * holds the list to the services file.
   */
  public static void registry(Supplier<List<LintRule>> rules) {
    registry = rules;
  }

  /**
   * Every registered rule ({@code META-INF/services/dev.lbc.compiler.spi.LintRule}), loaded once
   * per process: the classpath does not change, rules hold no state, and the CLI loads them on a
   * second thread while it parses the command line, so the command's own call finds them (it read
   * the services file and made every rule again, about a millisecond of a cold lint). A failed load
   * is not kept: the next call meets the same error.
   */
  public static Rules load() {
    Rules r = loaded;
    if (r == null) {
      synchronized (Rules.class) {
        r = loaded;
        if (r == null) {
          r = scan();
          loaded = r;
        }
      }
    }
    return r;
  }

  /** Every rule the services file names, in its order. */
  public static List<LintRule> registered() {
    List<LintRule> found = new ArrayList<>();
    ServiceLoader.load(LintRule.class, Rules.class.getClassLoader()).forEach(found::add);
    return found;
  }

  private static Rules scan() {
    List<LintRule> found = new ArrayList<>(registry.get());
    // written out: Comparator.comparing's own lambda is spun at run time on every cold lint
    found.sort((a, b) -> a.descriptor().id().compareTo(b.descriptor().id()));
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
    return List.copyOf(byId.values());
  }

  /** Every descriptor by its exact ID, sorted by ID. */
  public Map<String, RuleDescriptor> byId() {
    return byId;
  }

  /** The descriptor with exactly this ID, or null. */
  public RuleDescriptor descriptor(String id) {
    return byId.get(id);
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
    return byId.keySet();
  }
}
