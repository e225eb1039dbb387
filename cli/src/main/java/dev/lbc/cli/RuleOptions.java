package dev.lbc.cli;

import dev.lbc.compiler.pipeline.RuleConfig;
import dev.lbc.compiler.spi.Rules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The rule settings of every command that lints ({@code lint}, {@code build}): the project file
 * ({@code .lbc.yaml} discovered, or {@code --config}) with {@code --severity} and {@code --disable}
 * on top. One loader, so that a build never passes what lint refuses.
 */
final class RuleOptions {
  @Option(names = "--severity", paramLabel = "RULE=LEVEL", description = SEVERITY_HELP)
  Map<String, String> severity = new LinkedHashMap<>();

  @Option(names = "--disable", paramLabel = "RULE[,RULE]", description = DISABLE_HELP)
  List<String> disable = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE", description = CONFIG_HELP)
  Path config;

  static final String SEVERITY_HELP =
      "Change a rule's severity (error, warning, info); RULE is an ID or a name, e.g."
          + " LBC202=error or dr-port-translation=warning; repeatable.";
  static final String DISABLE_HELP = "Turn rules off, by ID or name; repeatable.";
  static final String CONFIG_HELP =
      "Use this project file instead of the nearest .lbc.yaml above each input.";

  /** The options above as a mixin built in code, for {@code lint} (see {@link Binding}). */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    spec.addOption(
        Binding.option(() -> severity, s -> severity = s, Map.class, "--severity")
            .auxiliaryTypes(String.class, String.class)
            .paramLabel("RULE=LEVEL")
            .description(SEVERITY_HELP)
            .build());
    spec.addOption(
        Binding.option(() -> disable, d -> disable = d, List.class, "--disable")
            .auxiliaryTypes(String.class)
            .paramLabel("RULE[,RULE]")
            .description(DISABLE_HELP)
            .build());
    spec.addOption(
        Binding.option(() -> config, c -> config = c, Path.class, "--config")
            .paramLabel("FILE")
            .description(CONFIG_HELP)
            .build());
    return spec;
  }

  /** For each input file, its settings: the project file's, overridden by the options. */
  Function<Path, RuleConfig> forInputs(Rules rules) {
    ProjectConfig project = new ProjectConfig(rules, config);
    return new PerInput(project, project.ids.fromOptions(severity, disable));
  }

  /**
   * A class, not a lambda: a call site costs a cold lint's main thread its linking, a class from
   * the archive much less. This was the first one lint linked (the set-up of the lambda machinery
   * then moves to the next); with the model builder's parsers, linking on the main thread went from
   * 10.8 to 7.5 ms (docs/performance.md, "Cold lint", round 7).
   */
  private static final class PerInput implements Function<Path, RuleConfig> {
    private final ProjectConfig project;
    private final RuleConfig options;

    PerInput(ProjectConfig project, RuleConfig options) {
      this.project = project;
      this.options = options;
    }

    @Override
    public RuleConfig apply(Path input) {
      return project.forInput(input).overriddenBy(options);
    }
  }
}
