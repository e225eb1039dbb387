package dev.lbc.compiler.model;

/** Appliance tuning; {@code requestBuffer} is HAProxy's tune.bufsize in bytes, or null. */
public record Tuning(Integer requestBuffer, Src src) {}
