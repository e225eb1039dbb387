/**
 * {@code servers/<name>/prepare.ps1} for every Windows server (TCP keep-alive, the gateway of NAT
 * and TPROXY servers, the ARP problem for DR, IIS X-Forwarded-For logging), and {@code .cmd}
 * ({@code .sh} on Linux) for the ARP problem on each server that receives DR VIPs. {@link
 * ServerScriptsBackend} builds the view, {@link WindowsQuoting} escapes for PowerShell, cmd and sh
 * (the exchange backend uses it too), and the {@code prepare.*.ftl} templates only lay it out.
 * Reads the plan only; the tests parse every script with a real PowerShell grammar. Start at {@link
 * ServerScriptsBackend}.
 */
package dev.lbc.backends.windows;
