package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lbc.compiler.diag.Diagnostics;
import dev.lbc.compiler.dsl.DslReader;
import dev.lbc.compiler.schema.SchemaValidator;
import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.tree.DataNode;
import dev.lbc.compiler.yaml.YamlReader;
import dev.lbc.grammar.Schemas;
import dev.lbc.testsupport.Golden;
import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.CombinedSchema;
import org.everit.json.schema.ConstSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.ReferenceSchema;
import org.everit.json.schema.Schema;
import org.junit.jupiter.api.Test;

/**
 * Lint validates with {@code PreparedSchema}, generated everit builder calls, instead of loading
 * the schema's JSON with everit's {@code SchemaLoader} on every run (docs/performance.md). These
 * tests hold the generated code to the JSON: it is what the generator writes today, it builds what
 * the loader builds, and it reports the same LBC002 diagnostics on every input the project has.
 */
class PreparedSchemaTest {
  private static final Path SOURCE =
      Repo.root().resolve("compiler/src/main/java/dev/lbc/compiler/schema/PreparedSchema.java");

  private static Schema loadedFromJson() {
    return SchemaValidator.load(PreparedSchemaSource.prepared(Schemas.deploymentSchema()));
  }

  @Test
  void theGeneratedSourceIsCurrent() {
    Golden.check(SOURCE, PreparedSchemaSource.generate(loadedFromJson()));
  }

  @Test
  void lintValidatesWithThePreparedSchemaEqualToTheLoadedOne() {
    Schema loaded = loadedFromJson();
    Schema prepared = SchemaValidator.schema();
    // after blessing a changed schema, the class under test is the one compiled before: build again
    assertEquals(
        loaded, prepared, "PreparedSchema.java differs from the schema; bless and rebuild");
    // equals leaves out what a reference points at, a const's value and the locations: compare
    // every node reachable, through references too
    assertSameNodes(nodes(loaded), nodes(prepared));
  }

  @Test
  void onlyDocumentationIsLeftOut() {
    Schema full = SchemaValidator.load(Schemas.deploymentSchema());
    List<String> fullNodes = nodes(full);
    List<String> preparedNodes = nodes(SchemaValidator.schema());
    assertEquals(fullNodes.size(), preparedNodes.size(), "the same schema nodes");
    assertTrue(String.join("\n", fullNodes).contains("\"description\""));
    assertFalse(String.join("\n", preparedNodes).contains("\"description\""));
  }

  @Test
  void everyInputGetsTheSameDiagnosticsAsWithTheLoadedJson() throws IOException {
    Schema full = SchemaValidator.load(Schemas.deploymentSchema());
    List<Path> inputs = inputs();
    assertTrue(inputs.size() > 50, "examples and golden inputs found: " + inputs.size());
    int withSchemaErrors = 0;
    for (Path input : inputs) {
      String expected = diagnostics(input, full);
      assertEquals(expected, diagnostics(input, SchemaValidator.schema()), input.toString());
      if (expected.contains("LBC002")) {
        withSchemaErrors++;
      }
    }
    assertTrue(withSchemaErrors > 10, "inputs with LBC002 findings: " + withSchemaErrors);
  }

  private static String diagnostics(Path input, Schema schema) throws IOException {
    SourceFile file =
        new SourceFile(
            Repo.root().relativize(input).toString(),
            Files.readString(input, StandardCharsets.UTF_8));
    Diagnostics d = new Diagnostics();
    DataNode tree =
        input.toString().endsWith(".yaml") || input.toString().endsWith(".yml")
            ? YamlReader.read(file, d)
            : DslReader.read(file, d);
    if (tree != null && !d.hasErrors()) {
      SchemaValidator.validate(tree, d, schema);
    }
    return d.sorted().toString();
  }

  /** The examples and every golden input in YAML or the DSL. */
  private static List<Path> inputs() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String folder : List.of("examples", "golden")) {
      try (Stream<Path> s = Files.walk(Repo.root().resolve(folder))) {
        s.filter(Files::isRegularFile)
            .filter(
                p -> {
                  String n = p.getFileName().toString();
                  return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".lbc");
                })
            .filter(p -> !p.toString().contains("/golden/build/"))
            .sorted()
            .forEach(out::add);
      }
    }
    return out;
  }

  /**
   * Every schema node reachable from {@code root}, in order, each with its path, class, location
   * and JSON form; a reference's target is walked wherever it is referred to (cycles once).
   */
  private static List<String> nodes(Schema root) {
    List<String> out = new ArrayList<>();
    walk(root, "#", out, new IdentityHashMap<>());
    return out;
  }

  private static void walk(Schema s, String path, List<String> out, Map<Schema, Boolean> seen) {
    String extra = s instanceof ConstSchema c ? " const=" + c.getPermittedValue() : "";
    out.add(
        path
            + " "
            + s.getClass().getSimpleName()
            + " "
            + s.getSchemaLocation()
            + " "
            + s.getLocation()
            + extra
            + " "
            + canonical(s.toString()));
    if (seen.put(s, Boolean.TRUE) != null) {
      return; // a reference cycle
    }
    if (s instanceof ReferenceSchema r) {
      walk(r.getReferredSchema(), path + "/$ref", out, seen);
    } else if (s instanceof ObjectSchema o) {
      new java.util.TreeMap<>(o.getPropertySchemas())
          .forEach((k, v) -> walk(v, path + "/properties/" + k, out, seen));
      if (o.getSchemaOfAdditionalProperties() != null) {
        walk(o.getSchemaOfAdditionalProperties(), path + "/additionalProperties", out, seen);
      }
      new java.util.TreeMap<>(o.getSchemaDependencies())
          .forEach((k, v) -> walk(v, path + "/dependencies/" + k, out, seen));
    } else if (s instanceof ArraySchema a) {
      if (a.getAllItemSchema() != null) {
        walk(a.getAllItemSchema(), path + "/items", out, seen);
      }
      if (a.getItemSchemas() != null) {
        for (int i = 0; i < a.getItemSchemas().size(); i++) {
          walk(a.getItemSchemas().get(i), path + "/items/" + i, out, seen);
        }
      }
    } else if (s instanceof CombinedSchema c) {
      int i = 0;
      for (Schema sub : c.getSubschemas()) {
        walk(sub, path + "/" + c.getCriterion() + "/" + i++, out, seen);
      }
    }
    seen.remove(s);
  }

  private static final ObjectMapper SORTED =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** JSON with its keys sorted: everit prints a map in the order it iterates. */
  private static String canonical(String json) {
    try {
      return SORTED.writeValueAsString(SORTED.readValue(json, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first node where {@code actual} differs, so that a failure shows one line, not all. */
  private static void assertSameNodes(List<String> expected, List<String> actual) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      assertEquals(expected.get(i), actual.get(i), "schema node " + i);
    }
    assertEquals(expected.size(), actual.size(), "schema nodes");
  }
}
