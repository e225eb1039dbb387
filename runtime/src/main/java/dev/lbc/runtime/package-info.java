/**
 * {@code lbc run}, after the build pipeline: the embedded engine ({@code engine} on {@code pool}),
 * a supervised real HAProxy ({@code haproxy}), one status page and API over both ({@code admin})
 * and simulated Exchange servers ({@code sim}); {@code serve} wires them into one run and reloads
 * it, {@code firewall} adds and removes lbc's iptables chains. Reads the {@link
 * dev.lbc.compiler.plan.Plan} and value types only, never the model, a front end or a rule; only
 * {@code serve} and {@code firewall} use the backends (the other packages get haproxy.cfg as text).
 * Design: docs/adr/0004-runtime-shape.md; users: docs/running.md. Start at {@link
 * dev.lbc.runtime.serve.Serve} (a run) or {@link dev.lbc.runtime.engine.Engine} (the traffic).
 */
package dev.lbc.runtime;
