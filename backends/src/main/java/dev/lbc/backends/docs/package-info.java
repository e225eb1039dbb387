/**
 * The build's human-facing files: {@code RUNBOOK.md} ({@link RunbookBackend}, Markdown fragments
 * escaped by {@code Markdown}, laid out by its template) and {@code topology.svg} ({@link
 * TopologyBackend}, drawn as SVG by the class itself, every text XML-escaped). Reads the plan only.
 * Start at {@link RunbookBackend}.
 */
package dev.lbc.backends.docs;
