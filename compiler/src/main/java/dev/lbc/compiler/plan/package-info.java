/**
 * The plan, the boundary of the build: {@link Planner}, a pure function of a lint-clean model,
 * applies the defaults (layer, protocol, balance, 30m timeouts, health checks, weight 100),
 * resolves references and collects DR VIPs per server; {@link Plan} is plain data in output order
 * and {@link PlanJson} writes plan.json. Backends and the runtime take the deployment from this
 * package (and {@code value}) alone; no model type passes it. Start at {@link Planner}.
 */
package dev.lbc.compiler.plan;
