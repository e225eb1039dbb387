package dev.lbc.compiler.diag;

import dev.lbc.compiler.source.Span;

/** A secondary span of a diagnostic with what it contributes ("first defined here"). */
public record Label(Span span, String message) {}
