package dev.lbc.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How {@code lbc lint} finds its inputs beyond the FILE arguments. */
final class InputOptions {
  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "Skip what GLOB matches when searching a folder or a glob: a name at any depth"
              + " (drafts, '*.old.yaml') or, with a '/', a path relative to the folder searched"
              + " ('legacy/**'); repeatable.")
  List<String> exclude = new ArrayList<>();

  @Option(
      names = "--stdin-filename",
      paramLabel = "NAME",
      description =
          "The name of standard input (FILE `-`) in diagnostics; its extension says YAML or DSL"
              + " (default: <stdin>, the syntax sniffed).")
  String stdinFilename;
}
