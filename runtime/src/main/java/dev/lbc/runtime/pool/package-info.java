/**
 * A service's pool at run time: {@link Member}s with admin state, rise/fall health and connection
 * counts (weight 0 takes nothing new), the {@link Balancer}s (smooth weighted round robin, round
 * robin, least connection) and {@link SourcePersistence}. Pure Java, with no Netty and no compiler
 * type (the plan's balance word picks the algorithm), shared by the engine's event loops and health
 * checker and tested by properties alone. Start at {@link Member}.
 */
package dev.lbc.runtime.pool;
