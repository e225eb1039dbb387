/**
 * The input format's two definitions: the DSL grammar
 * (grammar/src/main/antlr4/dev/lbc/grammar/Lbc.g4, from which ANTLR generates {@code LbcLexer} and
 * {@code LbcParser} here at build time) and the JSON Schema (grammar/schema/lbc.schema.json, a
 * resource read by {@link Schemas}). The bottom of the build, on the ANTLR runtime alone; only the
 * DSL front end and the schema stage use it. Start at Lbc.g4.
 */
package dev.lbc.grammar;
