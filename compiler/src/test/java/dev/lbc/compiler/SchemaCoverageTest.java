package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbc.grammar.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The schema is what an editor shows while someone writes a deployment: every key says what it
 * means, and every allowed word of a keyword says what choosing it does.
 */
class SchemaCoverageTest {
  private static final JsonNode SCHEMA = read();

  private static JsonNode read() {
    try {
      return new ObjectMapper().readTree(Schemas.deploymentSchema());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyPropertyHasADescription() {
    List<String> missing = new ArrayList<>();
    walk(
        SCHEMA,
        "#",
        (path, node) -> {
          if (!node.path("description").isTextual() || node.get("description").asText().isBlank()) {
            missing.add(path);
          }
        });
    assertEquals(List.of(), missing, "properties without a description");
  }

  @Test
  void everyEnumValueIsDescribed() {
    List<String> missing = new ArrayList<>();
    enums(SCHEMA, "#", missing);
    assertEquals(List.of(), missing, "enums whose values are not each described");
  }

  @Test
  void theIdIsAUrl() {
    assertTrue(SCHEMA.get("$id").asText().startsWith("https://"), SCHEMA.get("$id").asText());
  }

  private interface Visitor {
    void property(String path, JsonNode node);
  }

  /** Every entry of every {@code properties}, at any depth, definitions included. */
  private static void walk(JsonNode node, String path, Visitor visitor) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : iterable(node)) {
        String child = path + "/" + e.getKey();
        if (e.getKey().equals("properties")) {
          for (Map.Entry<String, JsonNode> p : iterable(e.getValue())) {
            visitor.property(child + "/" + p.getKey(), p.getValue());
            walk(p.getValue(), child + "/" + p.getKey(), visitor);
          }
        } else {
          walk(e.getValue(), child, visitor);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "/" + i, visitor);
      }
    }
  }

  private static void enums(JsonNode node, String path, List<String> missing) {
    if (node.isObject()) {
      if (node.has("enum")) {
        JsonNode d = node.path("enumDescriptions");
        JsonNode md = node.path("markdownEnumDescriptions");
        int n = node.get("enum").size();
        if (d.size() != n || md.size() != n) {
          missing.add(path);
        }
      }
      for (Map.Entry<String, JsonNode> e : iterable(node)) {
        enums(e.getValue(), path + "/" + e.getKey(), missing);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        enums(node.get(i), path + "/" + i, missing);
      }
    }
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }
}
