package dev.lbc.compiler.schema;

import dev.lbc.grammar.Schemas;
import java.util.Set;
import org.json.JSONObject;

/**
 * Where a node sits in the deployment schema, so the model builder knows which keys each kind of
 * node may hold: the root, then a property or a list item at a time, {@code $ref}s followed.
 */
public final class Shape {
  private static final JSONObject SCHEMA = new JSONObject(Schemas.deploymentSchema());

  /** The whole deployment. */
  public static final Shape ROOT = new Shape(SCHEMA, "#");

  private final JSONObject schema;
  private final String pointer;

  private Shape(JSONObject schema, String pointer) {
    this.schema = resolve(schema);
    this.pointer = pointer;
  }

  private static JSONObject resolve(JSONObject schema) {
    String ref = schema.optString("$ref", "");
    if (ref.isEmpty()) {
      return schema;
    }
    if (!ref.startsWith("#/definitions/")) {
      throw new IllegalStateException("unsupported $ref " + ref);
    }
    return resolve(SCHEMA.getJSONObject("definitions").getJSONObject(ref.substring(14)));
  }

  /** The keys a mapping of this shape may hold. */
  public Set<String> keys() {
    JSONObject properties = schema.optJSONObject("properties");
    return properties == null ? Set.of() : Set.copyOf(properties.keySet());
  }

  /** The shape of the value under {@code key}. */
  public Shape property(String key) {
    JSONObject properties = schema.optJSONObject("properties");
    if (properties == null || !properties.has(key)) {
      throw new IllegalArgumentException(pointer + " has no property " + key);
    }
    return new Shape(properties.getJSONObject(key), pointer + "/" + key);
  }

  /** The shape of each item of a list of this shape. */
  public Shape items() {
    if (!schema.has("items")) {
      throw new IllegalArgumentException(pointer + " is not a list");
    }
    return new Shape(schema.getJSONObject("items"), pointer + "[]");
  }

  @Override
  public String toString() {
    return pointer;
  }
}
