package dev.lbc.compiler.model;

import dev.lbc.compiler.value.Duration;

/** A health check as written; absent fields are null and get defaults in the plan. */
public record HealthCheck(
    CheckType type,
    String path,
    String host,
    Integer expect,
    Duration interval,
    Integer rise,
    Integer fall,
    Src src) {}
