package dev.lbc.compiler.spi;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a rule reports (diagnostics get the rule's ID and default severity), and the facts it may
 * read beyond the model.
 */
public final class RuleContext {
  private final RuleDescriptor rule;
  private final Facts facts;
  private final List<Diagnostic> found = new ArrayList<>();

  public RuleContext(RuleDescriptor rule) {
    this(rule, Facts.NONE);
  }

  public RuleContext(RuleDescriptor rule, Facts facts) {
    this.rule = rule;
    this.facts = facts;
  }

  /** What the compiler found out beyond the text (where certificate files lie). */
  public Facts facts() {
    return facts;
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
}
