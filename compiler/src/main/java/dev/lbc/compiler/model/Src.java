package dev.lbc.compiler.model;

import dev.lbc.compiler.source.Span;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a model node and each of its fields came from. Like {@link Span}, it never takes part in
 * equality, so the YAML and DSL forms of a deployment build equal models.
 *
 * <p>A lookup falls back to the node's span when the key was not written, which is right for an
 * optional key and wrong for a misspelt one. So a node built from a source knows the keys its
 * schema allows, and looking up any other key is a bug that fails an assertion (on in the tests).
 *
 * @param node the span of the whole node
 * @param fields the span of each field's value, by YAML key ({@code "port"}, {@code "gateway"})
 * @param keys the keys the schema allows on this kind of node, or null for a node built without a
 *     source (a generated model), which allows any
 */
public record Src(Span node, Map<String, Span> fields, Set<String> keys) {
  /**
   * Takes {@code fields} and {@code keys} as given, unmodifiable, without copying them: the model
   * builder makes a Src for every node of every file and hands over a map it no longer touches, and
   * the keys are a view of the schema (a copy of each was milliseconds of a cold lint).
   */
  public Src {
    fields = Collections.unmodifiableMap(fields);
    keys = keys == null ? null : Collections.unmodifiableSet(keys);
  }

  /** A node built without a source: no spans, and any key may be asked for. */
  public Src(Span node, Map<String, Span> fields) {
    this(node, fields, null);
  }

  /** The span of {@code key}'s value, or of the node if the key was not written. */
  public Span of(String key) {
    assert allows(key) : key + " is not a key of this node: it has " + new TreeSet<>(keys);
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
    assert allows(key) : key + " is not a key of this node: it has " + new TreeSet<>(keys);
    return fields.containsKey(key);
  }

  private boolean allows(String key) {
    return keys == null || keys.contains(key);
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
