package dev.lbc.compiler.tree;

import dev.lbc.compiler.source.Span;

/**
 * The syntax-neutral data tree both front ends produce: mappings, sequences and scalars, each with
 * its source span. The schema is checked on this tree and the model is built from it, so the YAML
 * and the DSL share one validation and one model builder.
 */
public sealed interface DataNode permits MapNode, SeqNode, ScalarNode {
  Span span();

  /** A word for messages: "a mapping", "a list", "a string"... */
  String kindName();
}
