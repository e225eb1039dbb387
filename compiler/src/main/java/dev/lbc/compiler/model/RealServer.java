package dev.lbc.compiler.model;

/**
 * A server in a service's pool.
 *
 * @param port null means the client's port (the VIP port it arrived on)
 */
public record RealServer(
    String server,
    Integer port,
    Integer weight,
    Integer minConnections,
    Integer maxConnections,
    Src src) {}
