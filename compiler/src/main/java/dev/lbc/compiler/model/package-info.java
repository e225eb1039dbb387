/**
 * The deployment model: small immutable records, one per concept of DESIGN.md §3, each with a
 * {@link dev.lbc.compiler.model.Src} of source spans that never takes part in equality. The model
 * holds what the user wrote, typed; defaults are applied in the plan.
 */
package dev.lbc.compiler.model;
