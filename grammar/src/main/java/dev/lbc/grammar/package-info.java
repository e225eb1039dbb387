/**
 * The input format's two definitions: the DSL grammar
 * (grammar/src/main/antlr4/dev/lbc/grammar/Lbc.g4, from which ANTLR generates {@code LbcLexer} and
 * {@code LbcParser} here at build time) and the JSON Schema (grammar/schema/lbc.schema.json, a
 * resource read by {@link Schemas}). The bottom of the build, on the ANTLR runtime alone; only the
 * DSL front end and the schema stage use it. Start at Lbc.g4. The front end lexes with a
 * hand-written equivalent of {@code LbcLexer} (dev.lbc.compiler.dsl.DslLexer, held to it by a
 * test); {@code lbc fmt} still uses the generated one.
 */
package dev.lbc.grammar;
