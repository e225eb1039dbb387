package dev.lbc.compiler.model;

/** A PEM file (certificate and key) for SSL offload; {@code pem} is relative to the input file. */
public record Certificate(String name, String pem, Src src) {}
