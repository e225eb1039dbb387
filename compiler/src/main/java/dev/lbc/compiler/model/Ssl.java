package dev.lbc.compiler.model;

/** SSL offload with the named certificate; {@code reencrypt} null means not written (false). */
public record Ssl(String offload, Boolean reencrypt, Src src) {}
