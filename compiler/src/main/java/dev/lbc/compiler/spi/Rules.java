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

/**
 * The registry: lint rules from the ServiceLoader, plus the language rules, sorted by ID.
 *
 * <p>The process's registry ({@link #load}) is made at once and filled on first use: a cold lint
 * fills it on a second thread while the main thread expands the inputs and reads the first file,
 * which need no rule (docs/performance.md, "Cold lint", round 5).
 */
public final class Rules {
  /** The process's rules: filled by the first call that needs them. */
  private static final Rules PROCESS = new Rules(null);

  /**
   * Where the process's rules come from: null for the services file, unless a program names a list.
   * Not a method reference: this class is linked first thing in a cold lint, and the first call
   * site a JVM links spins the JDK's lambda machinery.
   */
  private static volatile Supplier<List<LintRule>> registry;

  /** The rules as given, or null for the process's registry. */
  private final List<LintRule> given;

  /** Null until a load succeeds: a failed load is not kept, the next call meets the same error. */
  private volatile Catalogue catalogue;

  private record Catalogue(List<LintRule> lintRules, Map<String, RuleDescriptor> byId) {
    static Catalogue of(List<LintRule> lintRules) {
      Map<String, RuleDescriptor> ids = new TreeMap<>();
      List<RuleDescriptor> all = new ArrayList<>(LanguageRules.ALL);
      for (LintRule r : lintRules) {
        all.add(r.descriptor());
      }
      for (RuleDescriptor d : all) {
        if (ids.put(d.id(), d) != null) {
          throw new IllegalStateException("two rules have the ID " + d.id());
        }
      }
      return new Catalogue(List.copyOf(lintRules), Collections.unmodifiableMap(ids));
    }
  }

  private Rules(List<LintRule> given) {
    this.given = given;
  }

  /**
   * Has {@link #load} take the rules from {@code rules} instead of the services file: the CLI names
   * {@code PreparedRules}, the same list written out, because finding the services file opened the
   * jar and read its 8,000-entry central directory on every cold lint (docs/performance.md). A test
   * holds the list to the services file. Takes effect when the rules are first used.
   */
  public static void registry(Supplier<List<LintRule>> rules) {
    registry = rules;
  }

  /**
   * Every registered rule ({@code META-INF/services/dev.lbc.compiler.spi.LintRule}), loaded once
   * per process, when first used: the classpath does not change and rules hold no state. The CLI
   * fills it on a second thread ({@link #ready}), so the command's own use finds it filled.
   */
  public static Rules load() {
    return PROCESS;
  }

  /** Loads the rules now if nobody has yet; returns them. */
  public Rules ready() {
    catalogue();
    return this;
  }

  private Catalogue catalogue() {
    Catalogue c = catalogue;
    if (c == null) {
      synchronized (this) {
        c = catalogue;
        if (c == null) {
          c = Catalogue.of(given != null ? given : sorted(registered(registry)));
          catalogue = c;
        }
      }
    }
    return c;
  }

  private static List<LintRule> registered(Supplier<List<LintRule>> named) {
    return named != null ? named.get() : registered();
  }

  /** Every rule the services file names, in its order. */
  public static List<LintRule> registered() {
    List<LintRule> found = new ArrayList<>();
    ServiceLoader.load(LintRule.class, Rules.class.getClassLoader()).forEach(found::add);
    return found;
  }

  private static List<LintRule> sorted(List<LintRule> rules) {
    List<LintRule> found = new ArrayList<>(rules);
    // written out: Comparator.comparing's own lambda is spun at run time on every cold lint
    found.sort((a, b) -> a.descriptor().id().compareTo(b.descriptor().id()));
    return found;
  }

  /** A registry of exactly these rules (tests). */
  public static Rules of(List<LintRule> rules) {
    return new Rules(List.copyOf(rules)).ready();
  }

  public List<LintRule> lintRules() {
    return catalogue().lintRules();
  }

  /** Every descriptor, language rules first, sorted by ID. */
  public List<RuleDescriptor> descriptors() {
    return List.copyOf(byId().values());
  }

  /** Every descriptor by its exact ID, sorted by ID. */
  public Map<String, RuleDescriptor> byId() {
    return catalogue().byId();
  }

  /** The descriptor with exactly this ID, or null. */
  public RuleDescriptor descriptor(String id) {
    return byId().get(id);
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
    return byId().keySet();
  }
}
