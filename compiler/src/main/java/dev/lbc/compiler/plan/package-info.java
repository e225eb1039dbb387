/**
 * The plan: the resolved, defaulted deployment that every backend renders from (DESIGN.md §1).
 * {@link dev.lbc.compiler.plan.Planner} is a pure function from a lint-clean model.
 */
package dev.lbc.compiler.plan;
