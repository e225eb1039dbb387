/**
 * The plan, the boundary of the build: {@link Planner}, a pure function of a lint-clean model,
 * applies the defaults (layer, protocol, balance, 30m timeouts, health checks, weight 100),
 * resolves references, collects DR VIPs per server and makes every choice a backend would otherwise
 * make (each appliance's VIP interfaces and prefixes, the default health check); {@link Plan} is
 * typed data in output order, with methods for what its fields answer (check ports, weighting, TLS
 * ports), and {@link PlanJson} writes plan.json, a wire form that does not follow the records by
 * itself. Backends and the runtime take the deployment from this package, {@code value} and the
 * model's keyword enums alone; no model record passes it
 * (docs/adr/0012-the-plan-is-typed-and-decided.md). Start at {@link Planner}.
 */
package dev.lbc.compiler.plan;
