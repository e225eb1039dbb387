/**
 * Diagnostics as typed values (rustc's errors, CUE's errors package): a rule ID, a severity, a
 * primary span and secondary labelled spans, notes and help. Renderers live in {@code render}.
 */
package dev.lbc.compiler.diag;
