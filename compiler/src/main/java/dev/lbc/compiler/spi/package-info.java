/**
 * The extension points, each found by {@link java.util.ServiceLoader} from one line in {@code
 * META-INF/services}: {@link LintRule} reads the resolved model and reports through a {@link
 * RuleContext}; {@link Backend} renders files from the plan. {@link Rules} is the registry, lint
 * and language rules sorted by ID. Rules never see parser types, backends never see the model.
 * Start at {@link LintRule}.
 */
package dev.lbc.compiler.spi;
