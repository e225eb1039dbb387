/**
 * Schema validation of the data tree against {@code grammar/schema/lbc.schema.json}. Violations
 * become LBC002 at the exact node, with did-you-mean for keys and enum values and YAML 1.1 hints.
 */
package dev.lbc.compiler.schema;
