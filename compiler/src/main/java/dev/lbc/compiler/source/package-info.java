/**
 * Source files and positions: {@link SourceText} reads a file (and says why one cannot be read),
 * {@link SourceFile} holds its text and {@link LineIndex}, a {@link Span} points into it. Every
 * model node keeps its span, so any stage can point at the exact text. Lines end at LF, CRLF or CR;
 * columns are 1-based code points. Depends on the JDK only. Start at {@link Span}.
 */
package dev.lbc.compiler.source;
