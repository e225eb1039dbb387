/**
 * Diagnostics as values (after rustc's and CUE's errors): a {@link Diagnostic} has a rule ID, a
 * {@link Severity}, a primary span and label, secondary {@link Label}s, notes and help. Stages
 * report into {@link Diagnostics} and go on; {@link Messages} quotes user text. Every stage depends
 * on this package, which depends on {@code source} only; renderers are in {@code render}. Start at
 * {@link Diagnostic}.
 */
package dev.lbc.compiler.diag;
