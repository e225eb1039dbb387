/**
 * {@code appliances/<host>/haproxy.cfg}: a {@code listen} section per layer 7 service and the stats
 * page. {@code HaproxyBackend.view} turns the plan into a {@link HaproxyView} of finished lines,
 * each value through {@code HaproxyQuoting}, which refuses what HAProxy would split, comment out or
 * expand; {@code haproxy.cfg.ftl} only lays it out (docs/adr/0009-pre-rendered-views.md). Reads the
 * plan only; {@code lbc run --engine haproxy} runs this text. Start at {@link HaproxyBackend}.
 */
package dev.lbc.backends.haproxy;
