package dev.lbc.compiler.spi;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.model.Deployment;

/**
 * A lint rule, found through {@link java.util.ServiceLoader}. A rule reads the resolved model and
 * reports through the context; it never throws on user input and never sees parser types.
 */
public interface LintRule {
  /** The rule's ID, severity, title, rationale, fix and examples. */
  RuleDescriptor descriptor();

  /** Checks {@code deployment}, reporting each finding through {@code context}. */
  void check(Deployment deployment, RuleContext context);
}
