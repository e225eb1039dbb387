package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbc.testsupport.Golden;
import dev.lbc.testsupport.Repo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SchemaCommandTest {
  @Test
  void printsTheSchemaEditorsUse() throws Exception {
    Cli.Run run = Cli.lbc("schema");
    assertEquals(0, run.exit(), run.err());
    assertEquals("", run.err());
    String published =
        Files.readString(
            Repo.root().resolve("grammar/schema/lbc.schema.json"), StandardCharsets.UTF_8);
    assertEquals(published, run.out(), "lbc schema > lbc.schema.json gives the published file");
    JsonNode schema = new ObjectMapper().readTree(run.out());
    assertTrue(schema.get("$id").asText().startsWith("https://"), "the $id is a URL");
  }

  @Test
  void referenceIsUpToDate() {
    Cli.Run run = Cli.lbc("schema", "--format", "markdown");
    assertEquals(0, run.exit(), run.err());
    // also: ./lbc schema --format markdown > docs/reference.md
    Golden.check(Repo.root().resolve("docs/reference.md"), run.out());
  }

  @Test
  void referenceShowsEveryKeyWithItsAllowedValuesAndDefault() {
    String md = Cli.lbc("schema", "--format", "markdown").out();
    assertTrue(md.contains("### `services[].mode`"), md);
    assertTrue(md.contains("`snat`: "), "each allowed word is described");
    assertTrue(md.contains("### `services[].health-check.interval`"), md);
    assertTrue(md.contains("Default: `2s`"), md);
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    Cli.Run run = Cli.lbc("schema", "--format", "yaml");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("--format must be json or markdown"), run.err());
  }
}
