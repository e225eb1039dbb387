/**
 * Simulated Exchange servers for labs and tests ({@code --simulate-servers}): {@link
 * SimulatedExchange} answers {@code /<vdir>/healthcheck.htm} (200 while active, 503 once inactive,
 * as {@code Set-ServerComponentState} does), accepts SMTP and greets IMAP4 and POP3. It is a server
 * the engines balance to, never part of the proxy path: it uses Netty and the JDK only, and the
 * engines know nothing of it.
 */
package dev.lbc.runtime.sim;
