/**
 * {@code lbc run --engine haproxy}: {@link HaproxySupervisor} checks the compiled haproxy.cfg with
 * {@code haproxy -c}, runs it in master-worker mode, reloads by SIGUSR2 and restarts it if it dies;
 * {@link Tether} makes children die with lbc, {@link RunFolder} holds the run's private files, and
 * {@link HaproxyStatus} reads the stats socket for the status page. The config arrives as text, so
 * no backend, model or front-end type is imported here; the plan only names things. Start at {@link
 * HaproxySupervisor}.
 */
package dev.lbc.runtime.haproxy;
