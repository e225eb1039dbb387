/**
 * The stage after the front ends: {@link SchemaValidator} checks the data tree against
 * grammar/schema/lbc.schema.json with lbc's {@code lbc-*} formats, and reports LBC002 at the exact
 * node with did-you-mean and YAML 1.1 hints. It reads the tree only, so a DSL file gets the same
 * messages as YAML, and the model builder may trust the types. Start at {@link
 * SchemaValidator#validate}.
 */
package dev.lbc.compiler.schema;
