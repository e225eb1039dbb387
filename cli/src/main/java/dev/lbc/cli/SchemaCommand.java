package dev.lbc.cli;

import dev.lbc.grammar.Schemas;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lbc schema}: the JSON Schema editors validate and complete deployments with. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = {
      "Print the JSON Schema of the YAML format (for editors), or the key reference built from it.",
      "Point yaml-language-server at it with a first line",
      "  # yaml-language-server: $schema=<path or URL of lbc.schema.json>"
    },
    footer = {
      "%nExamples:%n  lbc schema > lbc.schema.json",
      "  lbc schema --format markdown > docs/reference.md"
    })
final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--format"},
      defaultValue = "json",
      description = "json (the schema) or markdown (docs/reference.md; default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    String schema = Schemas.deploymentSchema();
    String text =
        switch (format) {
          case "json" -> schema;
          case "markdown" -> SchemaReference.markdown(schema);
          default -> throw new Main.UsageError("--format must be json or markdown");
        };
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
    return Main.OK;
  }
}
