package dev.lbc.grammar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Access to the JSON Schema of the YAML form, shipped as a resource beside the grammar. */
public final class Schemas {
  private Schemas() {}

  /** Resource path of the schema; the same file is published at grammar/schema/. */
  public static final String DEPLOYMENT_SCHEMA = "/dev/lbc/grammar/lbc.schema.json";

  /** The text of the deployment schema. */
  public static String deploymentSchema() {
    try (InputStream in = Schemas.class.getResourceAsStream(DEPLOYMENT_SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException(
            "schema resource missing from the build: " + DEPLOYMENT_SCHEMA);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
