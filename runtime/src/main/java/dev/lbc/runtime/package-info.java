/**
 * {@code lbc run}, after the build pipeline: the embedded engine ({@code engine} on {@code pool}),
 * a supervised real HAProxy ({@code haproxy}), one status page and API over both ({@code admin})
 * and simulated Exchange servers ({@code sim}). Reads the {@link dev.lbc.compiler.plan.Plan} and
 * value types only, never the model, a front end, a rule or a backend (haproxy.cfg arrives as
 * text). Design: docs/adr/0004-runtime-shape.md; users: docs/running.md. Start at {@link
 * dev.lbc.runtime.engine.Engine}.
 */
package dev.lbc.runtime;
