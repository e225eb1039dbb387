package dev.lbc.cli;

import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.everit.json.schema.Schema;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;

/**
 * The OASIS SARIF 2.1.0 (errata 01) schema, kept in the test resources (the repository stands
 * alone), to validate what {@code --format sarif} prints.
 */
final class SarifSchema {
  private SarifSchema() {}

  private static final Schema SCHEMA = load();

  /** The SARIF document {@code text}, parsed; fails the test if it breaks the schema. */
  static JSONObject validate(String text) {
    JSONObject sarif = new JSONObject(text);
    SCHEMA.validate(sarif);
    return sarif;
  }

  private static Schema load() {
    Path file = Repo.root().resolve("cli/src/test/resources/schemas/sarif-schema-2.1.0.json");
    try {
      return SchemaLoader.builder()
          .schemaJson(new JSONObject(Files.readString(file, StandardCharsets.UTF_8)))
          .build()
          .load()
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
