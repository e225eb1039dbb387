package dev.lbc.compiler.spi;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.source.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a rule reports (diagnostics get the rule's ID and default severity), what it shares with
 * the other rules of the same run, and the facts it may read beyond the model.
 */
public final class RuleContext {
  private final RuleDescriptor rule;
  private final Shared shared;
  private final List<Diagnostic> found = new ArrayList<>();

  /**
   * What the rules of one lint run share: the facts the compiler found beyond the text, and what
   * they derive from its deployment (the topology, say), each value built by the first rule that
   * asks for it and reused by the others: no rule pays for a value it does not use, and none builds
   * one twice.
   */
  public static final class Shared {
    private final Deployment deployment;
    private final Facts facts;
    private final Map<Class<?>, Object> values = new HashMap<>();

    public Shared(Deployment deployment, Facts facts) {
      this.deployment = deployment;
      this.facts = facts;
    }

    /** Shared values for a run with no facts beyond the text, linted at the current time. */
    public Shared(Deployment deployment) {
      this(deployment, Facts.none(Instant.now()));
    }
  }

  public RuleContext(RuleDescriptor rule, Shared shared) {
    this.rule = rule;
    this.shared = shared;
  }

  /** What the compiler found out beyond the text (where certificate files lie). */
  public Facts facts() {
    return shared.facts;
  }

  /** The lint time: rules that depend on time read this clock, never the system's. */
  public Instant now() {
    return shared.facts.now();
  }

  /** A diagnostic of this rule at {@code span}, to refine with labels and help, then report. */
  public Diagnostic at(Span span, String message) {
    return Diagnostic.of(rule.id(), rule.severity(), span, message);
  }

  public void report(Diagnostic d) {
    found.add(d);
  }

  public List<Diagnostic> found() {
    return List.copyOf(found);
  }

  /**
   * The {@code type} value of this run's deployment: {@code derive} builds it the first time any
   * rule asks, and every later ask returns the same one.
   */
  public <T> T shared(Class<T> type, Function<Deployment, T> derive) {
    Object value = shared.values.get(type);
    if (value == null) {
      // not computeIfAbsent: derive may itself ask for another shared value
      value = derive.apply(shared.deployment);
      shared.values.put(type, value);
    }
    return type.cast(value);
  }
}
