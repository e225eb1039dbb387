package dev.lbc.compiler.model;

import dev.lbc.compiler.source.Span;
import java.util.Map;

/**
 * Where a model node and each of its fields came from. Like {@link Span}, it never takes part in
 * equality, so the YAML and DSL forms of a deployment build equal models.
 *
 * @param node the span of the whole node
 * @param fields the span of each field's value, by YAML key ({@code "port"}, {@code "gateway"})
 */
public record Src(Span node, Map<String, Span> fields) {
  public Src {
    fields = Map.copyOf(fields);
  }

  /** The span of {@code key}'s value, or of the node if the key was not written. */
  public Span of(String key) {
    return fields.getOrDefault(key, node);
  }

  /** The span of item {@code index} of the scalar list under {@code key}. */
  public Span item(String key, int index) {
    return fields.getOrDefault(key + "[" + index + "]", of(key));
  }

  /** The span of the key {@code key} itself (for a list, better than its first item). */
  public Span key(String key) {
    return fields.getOrDefault("#" + key, of(key));
  }

  /** True if {@code key} was written in the source. */
  public boolean has(String key) {
    return fields.containsKey(key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Src;
  }

  @Override
  public int hashCode() {
    return 0;
  }
}
