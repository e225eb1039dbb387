/**
 * One class per lint rule, named for the problem, with its {@link
 * dev.lbc.compiler.catalog.RuleDescriptor} (ID, severity, rationale citing the guide, fix, bad and
 * good example built with {@code Example}). A rule reads the resolved model, reports at the span of
 * the offending value, never throws on user input, compares addresses as numbers and stays linear.
 * Start at {@link DrPortTranslation} (LBC101).
 */
package dev.lbc.validators.rules;
