/**
 * Typed input values: {@link IpAddress} and {@link IpNetwork} as numbers, {@link SourceRange},
 * {@link Duration}, and {@link Formats}, the schema's {@code lbc-*} formats; parsing gives a {@link
 * Parsed} value or a message saying how to write it. The bottom layer, used from the schema to the
 * runtime, depending on {@code diag.Messages} alone. Compare addresses here, never as strings.
 * Start at {@link IpAddress}.
 */
package dev.lbc.compiler.value;
