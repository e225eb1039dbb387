/**
 * Data tree to model, the stage after {@code schema} and before the rules: {@link ModelBuilder}
 * builds typed records with every span kept, applying no defaults
 * (docs/adr/0003-model-holds-what-was-written.md); {@link Resolver} then checks names and
 * references (LBC003, LBC004) without case. Reads the schema-valid tree, never a parser type. Start
 * at {@link ModelBuilder#build}.
 */
package dev.lbc.compiler.build;
