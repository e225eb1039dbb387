package dev.lbc.compiler.spi;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.model.Deployment;
import java.util.List;

/**
 * A lint rule, found through {@link java.util.ServiceLoader}. A rule reads the resolved model and
 * reports through the context; it never throws on user input and never sees parser types.
 */
public interface LintRule {
  /** The rule's ID, severity, title, rationale, fix and examples. */
  RuleDescriptor descriptor();

  /** Checks {@code deployment}, reporting each finding through {@code context}. */
  void check(Deployment deployment, RuleContext context);

  /**
   * Checks the deployments of one run together (the files one {@code lbc lint} compiles), for a
   * rule about what deployments share, such as a network: each finding names the file it is in
   * through its span. Most rules look at one deployment at a time and report nothing here.
   */
  default void checkRun(List<Deployment> deployments, RuleContext context) {}
}
