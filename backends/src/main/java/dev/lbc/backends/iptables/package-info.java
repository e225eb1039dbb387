/**
 * {@code firewall.rules}, {@code firewall-chains.rules}, their IPv6 twins and {@code sysctl.conf}
 * per appliance: lockdown, TPROXY and layer 4 SNAT in lbc's own {@code LBC-*} chains, in the two
 * layouts of docs/adr/0006-firewall-in-chains-of-its-own.md. {@link FirewallBackend} builds
 * finished rules, quoted by {@code IptablesQuoting}; the templates only lay them out. Reads the
 * plan only; checked by {@code iptables-restore --test}. Start at {@link FirewallBackend}.
 */
package dev.lbc.backends.iptables;
