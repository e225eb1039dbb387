package dev.lbc.compiler.tree;

import dev.lbc.compiler.source.Span;
import java.util.List;

/** A mapping with its entries in source order. Keys are unique (the readers report repeats). */
public record MapNode(Span span, List<Entry> entries) implements DataNode {

  /** One {@code key: value} pair; its span runs from the key to the end of the value. */
  public record Entry(ScalarNode key, DataNode value) {
    public Span span() {
      return key.span().to(value.span());
    }
  }

  public MapNode {
    entries = List.copyOf(entries);
  }

  /** The entry for {@code key}, or null. */
  public Entry entry(String key) {
    for (Entry e : entries) {
      if (e.key().text().equals(key)) {
        return e;
      }
    }
    return null;
  }

  /** The value for {@code key}, or null. */
  public DataNode get(String key) {
    Entry e = entry(key);
    return e == null ? null : e.value();
  }

  @Override
  public String kindName() {
    return "a mapping";
  }
}
