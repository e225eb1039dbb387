package dev.lbc.compiler.model;

/** Windows NIC names used by the server scripts; each null means the guides' default. */
public record Adapters(String lan, String loopback, Src src) {}
