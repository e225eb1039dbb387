package dev.lbc.compiler.dsl;

import dev.lbc.compiler.catalog.LanguageRules;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Diagnostics;
import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.source.Span;
import dev.lbc.compiler.tree.DataNode;
import dev.lbc.compiler.tree.MapNode;
import dev.lbc.compiler.tree.ScalarNode;
import dev.lbc.compiler.tree.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles one mapping of the data tree from DSL statements: single-valued statements become keys
 * (a repeat is LBC004, as a repeated YAML key is), list statements accumulate.
 */
final class MapBuilder {
  private final Span span;
  private final Diagnostics diagnostics;
  private final String noun;
  private final Map<String, Object> slots = new LinkedHashMap<>();
  private final Map<String, ScalarNode> keys = new LinkedHashMap<>();

  MapBuilder(Span span, String noun, Diagnostics diagnostics) {
    this.span = span;
    this.noun = noun;
    this.diagnostics = diagnostics;
  }

  /** Sets {@code key}; the keyword's span is the key's span. */
  void put(String key, Span keySpan, DataNode value) {
    ScalarNode first = keys.get(key);
    if (first != null) {
      diagnostics.report(
          Diagnostic.of(
                  LanguageRules.DUPLICATE.id(),
                  Severity.ERROR,
                  keySpan,
                  "duplicate " + Messages.quote(key) + " in this " + noun)
              .withLabel("second definition")
              .withSecondary(first.span(), "first defined here")
              .withHelp("keep one of them"));
      return;
    }
    keys.put(key, new ScalarNode(keySpan, key, true));
    slots.put(key, value);
  }

  /** Appends {@code item} to the list under {@code key}. */
  @SuppressWarnings("unchecked")
  void add(String key, Span keySpan, DataNode item) {
    keys.putIfAbsent(key, new ScalarNode(keySpan, key, true));
    ((List<DataNode>) slots.computeIfAbsent(key, k -> new ArrayList<DataNode>())).add(item);
  }

  boolean has(String key) {
    return keys.containsKey(key);
  }

  @SuppressWarnings("unchecked")
  MapNode build() {
    List<MapNode.Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Object> e : slots.entrySet()) {
      ScalarNode key = keys.get(e.getKey());
      DataNode value;
      if (e.getValue() instanceof List<?> list) {
        List<DataNode> items = (List<DataNode>) list;
        Span s = items.get(0).span().to(items.get(items.size() - 1).span());
        value = new SeqNode(s, items);
      } else {
        value = (DataNode) e.getValue();
      }
      entries.add(new MapNode.Entry(key, value));
    }
    return new MapNode(span, entries);
  }
}
