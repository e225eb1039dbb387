/**
 * The embedded engine: a plan's layer 7 services served on Netty in TCP mode ({@code TcpProxy}) or
 * HTTP mode ({@code HttpProxy}), with lockdown at accept, HAProxy-style health checks and reload by
 * reference swap; layer 4 needs IPVS and is named, not served, unless emulated. Last stage of
 * {@code lbc run}: it takes a plan and a {@link BindMap}, uses {@code runtime.pool}, and must match
 * the compiled haproxy.cfg from the plan alone, so it never imports the model, a front end or a
 * backend. Start at {@link Engine}.
 */
package dev.lbc.runtime.engine;
