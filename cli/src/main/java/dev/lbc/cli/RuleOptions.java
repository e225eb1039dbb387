package dev.lbc.cli;

import dev.lbc.compiler.pipeline.RuleConfig;
import dev.lbc.compiler.spi.Rules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The rule settings of every command that lints ({@code lint}, {@code build}): the project file
 * ({@code .lbc.yaml} discovered, or {@code --config}) with {@code --severity} and {@code --disable}
 * on top. One loader, so that a build never passes what lint refuses.
 */
final class RuleOptions {
  @Option(
      names = "--severity",
      paramLabel = "RULE=LEVEL",
      description =
          "Change a rule's severity (error, warning, info); RULE is an ID or a name, e.g."
              + " LBC202=error or dr-port-translation=warning; repeatable.")
  Map<String, String> severity = new LinkedHashMap<>();

  @Option(
      names = "--disable",
      paramLabel = "RULE[,RULE]",
      description = "Turn rules off, by ID or name; repeatable.")
  List<String> disable = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Use this project file instead of the nearest .lbc.yaml above each input.")
  Path config;

  /** For each input file, its settings: the project file's, overridden by the options. */
  Function<Path, RuleConfig> forInputs(Rules rules) {
    ProjectConfig project = new ProjectConfig(rules.byId(), config);
    RuleConfig options = project.ids.fromOptions(severity, disable);
    return input -> project.forInput(input).overriddenBy(options);
  }
}
