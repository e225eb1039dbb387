/**
 * The lint rules, LBC101 and up: one class per rule in {@code rules}, registered in {@code
 * META-INF/services/dev.lbc.compiler.spi.LintRule}, and shared network facts in {@code net}. Rules
 * run between the resolver and the plan: they read the model and value types, never the tree, a
 * front end, the plan or a backend. How to add one: CONTRIBUTING.md, "Add a rule".
 */
package dev.lbc.validators;
