/**
 * Service-provider interfaces: lint rules register in {@code META-INF/services}; adding a rule
 * touches its own class, its test, its doc and that one registry line.
 */
package dev.lbc.compiler.spi;
