/** Build targets (DESIGN.md §6), one package per target, rendered from the plan. */
package dev.lbc.backends;
