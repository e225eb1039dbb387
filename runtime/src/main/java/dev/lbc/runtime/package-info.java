/** {@code lbc run}: the embedded engine and the HAProxy supervisor (DESIGN.md §8). */
package dev.lbc.runtime;
