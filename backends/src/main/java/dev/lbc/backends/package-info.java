/**
 * The targets of {@code lbc build}, one subpackage each, every one a {@link
 * dev.lbc.compiler.spi.Backend} listed in {@code META-INF/services}, sharing the FreeMarker set-up
 * {@link Templates}. Plan in, files out: a backend reads the {@link dev.lbc.compiler.plan.Plan} and
 * value types only, never the model, a front end, a rule or the runtime; its view holds decided,
 * escaped lines that the template only lays out (docs/adr/0009-pre-rendered-views.md). Start at
 * {@code haproxy.HaproxyBackend}.
 */
package dev.lbc.backends;
