/**
 * The targets of {@code lbc build}, one subpackage each, every one a {@link
 * dev.lbc.compiler.spi.Backend} listed in {@code META-INF/services}, sharing the FreeMarker set-up
 * {@link Templates}. Plan in, files out: a backend reads the {@link dev.lbc.compiler.plan.Plan},
 * value types and the model's keyword enums only, never a model record, a front end, a rule or the
 * runtime. It renders what the plan decided and decides nothing
 * (docs/adr/0012-the-plan-is-typed-and-decided.md); its view holds decided, escaped lines that the
 * template only lays out (docs/adr/0009-pre-rendered-views.md). Start at {@code
 * haproxy.HaproxyBackend}.
 */
package dev.lbc.backends;
