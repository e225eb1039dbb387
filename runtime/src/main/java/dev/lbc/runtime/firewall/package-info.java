/**
 * {@code lbc run --apply-firewall}, a side effect at the edge of the runtime: {@link Firewall} adds
 * the primary appliance's compiled firewall chains (rendered by the iptables backend) with {@code
 * iptables-restore --noflush} and sweeps them away again, touching no rule of the host (ADR 0006).
 * May use the plan and the backends; nothing in the traffic path depends on it. Start at {@link
 * Firewall#apply}.
 */
package dev.lbc.runtime.firewall;
