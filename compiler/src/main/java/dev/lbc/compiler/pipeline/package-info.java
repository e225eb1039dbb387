/**
 * The pipeline for one file: {@link Compiler} reads it (the only side effect), then runs front end,
 * schema, model, resolver and rules, each only if the ones before succeeded, then suppressions and
 * the team's {@link RuleConfig}; {@link Limits} bound every front end (LBC005). It ends at the
 * model and its diagnostics ({@link CompileResult}); planning a clean model is {@code
 * plan.Planner}'s job. Start at {@link Compiler}.
 */
package dev.lbc.compiler.pipeline;
