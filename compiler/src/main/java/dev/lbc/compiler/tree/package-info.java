/**
 * The data tree both front ends produce and the schema checks: mappings, sequences and scalars with
 * spans ({@link DataNode}), so validation, messages and the model builder are written once
 * (docs/adr/0001-one-data-tree-for-both-syntaxes.md). Plain data: no Jackson or ANTLR type leaks
 * into it. Start at {@link DataNode}, then {@link ScalarNode} for how plain scalars are typed.
 */
package dev.lbc.compiler.tree;
