/**
 * {@code exchange/configure-exchange.ps1}: virtual directory URLs, Outlook Anywhere, the
 * Autodiscover SCP, IIS logging of X-Forwarded-For, the changes SSL offload without re-encryption
 * needs. {@link ExchangeBackend} builds the view, quoted by {@code windows.WindowsQuoting}; the
 * template only lays it out. Reads the plan only. Start at {@link ExchangeBackend}.
 */
package dev.lbc.backends.exchange;
