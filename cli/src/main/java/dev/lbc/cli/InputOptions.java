package dev.lbc.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How {@code lbc lint} finds its inputs beyond the FILE arguments. */
final class InputOptions {
  @Option(names = "--exclude", paramLabel = "GLOB", description = EXCLUDE_HELP)
  List<String> exclude = new ArrayList<>();

  @Option(names = "--stdin-filename", paramLabel = "NAME", description = STDIN_HELP)
  String stdinFilename;

  static final String EXCLUDE_HELP =
      "Skip what GLOB matches when searching a folder or a glob: a name at any depth"
          + " (drafts, '*.old.yaml') or, with a '/', a path relative to the folder searched"
          + " ('legacy/**'); repeatable.";
  static final String STDIN_HELP =
      "The name of standard input (FILE `-`) in diagnostics; its extension says YAML or DSL"
          + " (default: <stdin>, the syntax sniffed).";

  /** The options above as a mixin built in code, for {@code lint} (see {@link Binding}). */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    spec.addOption(
        Binding.option(() -> exclude, e -> exclude = e, List.class, "--exclude")
            .auxiliaryTypes(String.class)
            .paramLabel("GLOB")
            .description(EXCLUDE_HELP)
            .build());
    spec.addOption(
        Binding.option(
                () -> stdinFilename, n -> stdinFilename = n, String.class, "--stdin-filename")
            .paramLabel("NAME")
            .description(STDIN_HELP)
            .build());
    return spec;
  }
}
