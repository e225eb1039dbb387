package dev.lbc.compiler.model;

import dev.lbc.compiler.value.Duration;

/** Client and real-server timeouts; null where not written. */
public record Timeouts(Duration client, Duration server, Src src) {}
