/**
 * The extension points, each found by {@link java.util.ServiceLoader} from one line in {@code
 * META-INF/services}: {@link LintRule} reads the resolved model and reports through a {@link
 * RuleContext}; {@link Backend} renders files from the plan, for the deployment and per appliance.
 * {@link Rules} is the registry of rules, lint and language rules sorted by ID; {@link Backends}
 * the registry of backends, sorted by name, that build and run share. Rules never see parser types,
 * backends never see a model record. Start at {@link LintRule}.
 */
package dev.lbc.compiler.spi;
