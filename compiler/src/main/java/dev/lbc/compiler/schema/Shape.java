package dev.lbc.compiler.schema;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.ReferenceSchema;
import org.everit.json.schema.Schema;

/**
 * Where a node sits in the deployment schema, so the model builder knows which keys each kind of
 * node may hold: the root, then a property or a list item at a time, {@code $ref}s followed. Read
 * from the prepared schema lint validates with: parsing the schema's JSON again for this cost about
 * 4 ms of the main thread on every lint, and C1 work for org.json's tokenizer.
 */
public final class Shape {
  /** The whole deployment. */
  public static final Shape ROOT = new Shape(SchemaValidator.schema(), "#");

  private final Schema schema;
  private final String pointer;

  private Shape(Schema schema, String pointer) {
    this.schema = resolve(schema);
    this.pointer = pointer;
  }

  private static Schema resolve(Schema schema) {
    Schema s = schema;
    while (s instanceof ReferenceSchema ref) {
      s = ref.getReferredSchema();
    }
    return s;
  }

  private Map<String, Schema> properties() {
    return schema instanceof ObjectSchema o ? o.getPropertySchemas() : Map.of();
  }

  /**
   * The keys a mapping of this shape may hold: a view of the schema's, which never changes (every
   * node of every lint asks, and a copy each time was milliseconds of a cold lint).
   */
  public Set<String> keys() {
    return Collections.unmodifiableSet(properties().keySet());
  }

  /** The shape of the value under {@code key}. */
  public Shape property(String key) {
    Schema property = properties().get(key);
    if (property == null) {
      throw new IllegalArgumentException(pointer + " has no property " + key);
    }
    return new Shape(property, pointer + "/" + key);
  }

  /** The shape of each item of a list of this shape. */
  public Shape items() {
    if (!(schema instanceof ArraySchema a) || a.getAllItemSchema() == null) {
      throw new IllegalArgumentException(pointer + " is not a list");
    }
    return new Shape(a.getAllItemSchema(), pointer + "[]");
  }

  @Override
  public String toString() {
    return pointer;
  }
}
