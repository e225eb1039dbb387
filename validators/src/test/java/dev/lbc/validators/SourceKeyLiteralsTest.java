package dev.lbc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * Every key a rule (or any main code) names in {@code src().of("...")}, {@code key}, {@code item}
 * or {@code has} is a key of the published schema, even on a path no test runs; which kind of node
 * may hold it is asserted at run time by {@code Src} itself.
 */
class SourceKeyLiteralsTest {
  private static final Pattern LOOKUP =
      Pattern.compile("src\\(\\)\\s*\\.\\s*(?:of|key|item|has)\\(\\s*\"([^\"]*)\"");

  private static void collectKeys(Object schema, Set<String> keys) {
    if (schema instanceof JSONObject o) {
      JSONObject properties = o.optJSONObject("properties");
      if (properties != null) {
        keys.addAll(properties.keySet());
      }
      for (String k : o.keySet()) {
        collectKeys(o.get(k), keys);
      }
    } else if (schema instanceof JSONArray a) {
      for (Object item : a) {
        collectKeys(item, keys);
      }
    }
  }

  @Test
  void everyKeyLookedUpInTheSourceIsASchemaKey() throws IOException {
    Path root = Repo.root();
    Set<String> keys = new TreeSet<>();
    collectKeys(
        new JSONObject(
            Files.readString(
                root.resolve("grammar/schema/lbc.schema.json"), StandardCharsets.UTF_8)),
        keys);
    assertTrue(keys.contains("real-servers") && keys.contains("request-buffer"), keys.toString());

    List<String> lookups = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/main/java/"))
              .sorted()
              .toList()) {
        Matcher m = LOOKUP.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          lookups.add(m.group(1));
          if (!keys.contains(m.group(1))) {
            unknown.add(root.relativize(f) + ": \"" + m.group(1) + "\"");
          }
        }
      }
    }
    assertTrue(lookups.size() > 40, "the scan finds the rules' lookups: " + lookups.size());
    assertEquals(List.of(), unknown, "keys that are not in grammar/schema/lbc.schema.json");
  }
}
