/**
 * {@code lbc run} as a library, between the command line and the engines: {@link Serve#start} takes
 * a compiled plan and its options, starts the embedded engine or a supervised HAProxy (rendering
 * haproxy.cfg and keepalived.conf with the backends), the status page, simulated servers and the
 * firewall chains, and returns a {@link Serving} that reloads (file watcher, or on request) and
 * stops. May use the plan, the pipeline API (to recompile), the backends and every runtime package;
 * prints nothing itself (a log line consumer and a diagnostics callback come from the caller).
 */
package dev.lbc.runtime.serve;
