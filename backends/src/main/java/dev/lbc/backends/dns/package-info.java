/**
 * {@code dns/records.zone}: an A or AAAA record per namespace, pointing at its service's VIP.
 * {@link DnsBackend} writes it without a template: names and addresses are validated, so nothing
 * needs quoting. Reads the plan's namespaces only.
 */
package dev.lbc.backends.dns;
