/**
 * The run-time pool of a service: members with admin state, rise/fall health and connection counts,
 * and the balancing algorithms. Pure Java, shared by the embedded engine's event loops and its
 * health checker.
 */
package dev.lbc.runtime.pool;
