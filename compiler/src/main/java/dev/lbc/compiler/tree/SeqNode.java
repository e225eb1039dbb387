package dev.lbc.compiler.tree;

import dev.lbc.compiler.source.Span;
import java.util.List;

/** A sequence (list). */
public record SeqNode(Span span, List<DataNode> items) implements DataNode {
  public SeqNode {
    items = List.copyOf(items);
  }

  @Override
  public String kindName() {
    return "a list";
  }
}
