/**
 * plan.json, the plan as written by {@link dev.lbc.compiler.plan.PlanJson}: the one deployment file
 * that is not for an operator to apply, but for a reviewer or a tool to compare. Start at {@link
 * PlanJsonBackend}.
 */
package dev.lbc.backends.json;
