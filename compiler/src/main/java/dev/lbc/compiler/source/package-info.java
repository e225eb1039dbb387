/**
 * Source files and spans. Every model node keeps the span it came from so that any stage can point
 * a diagnostic at the exact text. Columns are code points, 1-based.
 */
package dev.lbc.compiler.source;
