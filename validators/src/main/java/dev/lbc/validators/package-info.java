/**
 * The lint rules (DESIGN.md §5, LBC101 and up), one class per rule under {@code rules}, each
 * registered in {@code META-INF/services/dev.lbc.compiler.spi.LintRule}.
 */
package dev.lbc.validators;
