package dev.lbc.compiler.build;

import dev.lbc.compiler.model.Keyword;
import dev.lbc.compiler.model.Src;
import dev.lbc.compiler.schema.Shape;
import dev.lbc.compiler.source.Span;
import dev.lbc.compiler.tree.DataNode;
import dev.lbc.compiler.tree.MapNode;
import dev.lbc.compiler.tree.ScalarNode;
import dev.lbc.compiler.tree.SeqNode;
import dev.lbc.compiler.value.Duration;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.IpNetwork;
import dev.lbc.compiler.value.SourceRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed read access to one mapping of a schema-valid data tree, and its place in the schema. Absent
 * keys read as null (or an empty list); the schema has already guaranteed the types.
 */
final class Fields {
  private final MapNode map;
  private final Shape shape;

  private Fields(DataNode node, Shape shape) {
    this.map = (MapNode) node;
    this.shape = shape;
  }

  /** The root mapping of a deployment. */
  static Fields root(DataNode node) {
    return new Fields(node, Shape.ROOT);
  }

  /** The mapping under {@code key}, which must be there. */
  Fields object(String key) {
    return new Fields(node(key), shape.property(key));
  }

  /** The mapping under {@code key}, or null if it is absent. */
  Fields objectOrNull(String key) {
    DataNode n = node(key);
    return n == null ? null : new Fields(n, shape.property(key));
  }

  /** The mapping under {@code key}; an absent one reads as empty, with this mapping's span. */
  Fields optionalObject(String key) {
    DataNode n = node(key);
    return new Fields(n != null ? n : new MapNode(map.span(), List.of()), shape.property(key));
  }

  /** The mappings of the list under {@code key}. */
  List<Fields> objects(String key) {
    Shape item = shape.property(key).items();
    List<Fields> out = new ArrayList<>();
    for (DataNode n : list(key)) {
      out.add(new Fields(n, item));
    }
    return out;
  }

  DataNode node(String key) {
    DataNode n = map.get(key);
    return n instanceof ScalarNode s && s.value() == null && !s.quoted() ? null : n;
  }

  String text(String key) {
    DataNode n = node(key);
    return n == null ? null : ((ScalarNode) n).text();
  }

  Integer integer(String key) {
    DataNode n = node(key);
    return n == null ? null : Math.toIntExact((Long) ((ScalarNode) n).value());
  }

  Boolean bool(String key) {
    DataNode n = node(key);
    return n == null ? null : (Boolean) ((ScalarNode) n).value();
  }

  <E extends Enum<E> & Keyword> E keyword(Class<E> type, String key) {
    String t = text(key);
    return t == null ? null : Keyword.of(type, t);
  }

  /*
   * The values below are read by a method per type, not by a parser passed in: each method
   * reference the model builder passed was a call site that a cold lint linked on its main thread
   * (docs/performance.md, "Cold lint", round 7).
   */

  Duration duration(String key) {
    String t = text(key);
    return t == null ? null : Duration.parse(t).get();
  }

  IpAddress ip(String key) {
    String t = text(key);
    return t == null ? null : IpAddress.parse(t).get();
  }

  /** An address with its prefix length, as an interface has it ({@code 10.0.0.5/24}). */
  IpNetwork interfaceAddress(String key) {
    String t = text(key);
    return t == null ? null : IpNetwork.parseInterfaceAddress(t).get();
  }

  List<IpAddress> ips(String key) {
    List<IpAddress> out = new ArrayList<>();
    for (String t : texts(key)) {
      out.add(IpAddress.parse(t).get());
    }
    return out;
  }

  List<IpNetwork> interfaceAddresses(String key) {
    List<IpNetwork> out = new ArrayList<>();
    for (String t : texts(key)) {
      out.add(IpNetwork.parseInterfaceAddress(t).get());
    }
    return out;
  }

  List<SourceRange> sourceRanges(String key) {
    List<SourceRange> out = new ArrayList<>();
    for (String t : texts(key)) {
      out.add(SourceRange.parse(t).get());
    }
    return out;
  }

  <E extends Enum<E> & Keyword> List<E> keywords(Class<E> type, String key) {
    List<E> out = new ArrayList<>();
    for (String t : texts(key)) {
      out.add(Keyword.of(type, t));
    }
    return out;
  }

  List<DataNode> list(String key) {
    DataNode n = node(key);
    return n == null ? List.of() : ((SeqNode) n).items();
  }

  /** The texts of the list of scalars under {@code key}. */
  private List<String> texts(String key) {
    List<DataNode> items = list(key);
    List<String> out = new ArrayList<>(items.size());
    for (DataNode item : items) {
      out.add(((ScalarNode) item).text());
    }
    return out;
  }

  /**
   * The node span, the value span of every key written, and of list items as {@code key[i]}; the
   * keys its schema allows, so a lookup of any other key is caught.
   */
  Src src() {
    Map<String, Span> spans = new HashMap<>();
    for (MapNode.Entry e : map.entries()) {
      spans.put(e.key().text(), e.value().span());
      spans.put("#" + e.key().text(), e.key().span());
      if (e.value() instanceof SeqNode seq && allScalars(seq)) {
        for (int i = 0; i < seq.items().size(); i++) {
          spans.put(e.key().text() + "[" + i + "]", seq.items().get(i).span());
        }
      }
    }
    return new Src(map.span(), spans, shape.keys());
  }

  /** A loop, not a stream: this runs for every list of every file, cold. */
  private static boolean allScalars(SeqNode seq) {
    for (DataNode item : seq.items()) {
      if (!(item instanceof ScalarNode)) {
        return false;
      }
    }
    return true;
  }
}
