/**
 * The DSL front end, the first stage beside {@code yaml}: {@link DslReader} parses {@code .lbc}
 * with the ANTLR grammar (grammar/src/main/antlr4/dev/lbc/grammar/Lbc.g4) and maps each statement
 * to the YAML key it stands for, building the same data tree; {@link DslFormatter} is {@code lbc
 * fmt}. ANTLR types stay in this package. Start at {@link DslReader} (its {@code serviceItem}
 * method shows how a statement becomes a key).
 */
package dev.lbc.compiler.dsl;
