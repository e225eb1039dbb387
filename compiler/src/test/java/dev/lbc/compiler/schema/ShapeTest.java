package dev.lbc.compiler.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.grammar.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * Shape reads the prepared schema; the schema's JSON is the oracle: from the root, through every
 * property and list item ($refs followed), each shape names the same keys as the JSON's
 * "properties", and refuses a property or an item exactly where the JSON has none.
 */
class ShapeTest {
  private static final JSONObject JSON = new JSONObject(Schemas.deploymentSchema());

  @Test
  void everyShapeNamesTheKeysOfItsJsonSchemaNode() {
    List<String> visited = new ArrayList<>();
    walk(Shape.ROOT, JSON, "#", visited, 0);
    // the walk reached the nested shapes the model builder uses, not only the root
    assertTrue(visited.size() > 50, "visited only " + visited);
    assertTrue(visited.contains("#/services[]/real-servers[]/port"), "visited " + visited);
  }

  private static void walk(Shape shape, JSONObject node, String pointer, List<String> out, int d) {
    assertTrue(d < 20, "the schema nests deeper than expected at " + pointer);
    JSONObject json = resolve(node);
    out.add(pointer);
    assertEquals(pointer, shape.toString());
    JSONObject properties = json.optJSONObject("properties");
    Set<String> keys = properties == null ? Set.of() : properties.keySet();
    assertEquals(keys, shape.keys(), pointer);
    assertThrows(IllegalArgumentException.class, () -> shape.property("no such key"), pointer);
    for (String key : keys) {
      walk(shape.property(key), properties.getJSONObject(key), pointer + "/" + key, out, d + 1);
    }
    if (json.has("items")) {
      walk(shape.items(), json.getJSONObject("items"), pointer + "[]", out, d + 1);
    } else {
      assertThrows(IllegalArgumentException.class, shape::items, pointer);
    }
  }

  private static JSONObject resolve(JSONObject node) {
    String ref = node.optString("$ref", "");
    return ref.isEmpty()
        ? node
        : resolve(
            JSON.getJSONObject("definitions")
                .getJSONObject(ref.replaceFirst(".*#/definitions/", "")));
  }
}
