/**
 * The status page and JSON API of {@code lbc run} ({@link AdminServer}, on an event loop), the same
 * for both engines through {@link StatusProvider}: {@link EmbeddedStatus}, or the haproxy package's
 * stats-socket reader. Requests pass {@code RequestGuard} (docs/adr/0007-admin-api-same-origin.md)
 * before {@link AdminCredentials}, taken from the environment. Uses engine, pool and sim, and the
 * plan only through them. The page is {@code status.html} beside it; the API is in docs/running.md.
 * Start at {@link AdminServer}.
 */
package dev.lbc.runtime.admin;
