package dev.lbc.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The picocli model of {@code lbc} itself, built in code as {@link LintSpec} is, with the standard
 * help options picocli's {@code mixinStandardHelpOptions} would read from its own annotations.
 */
final class RootSpec {
  private RootSpec() {}

  /** The name picocli gives the standard help options' mixin. */
  static final String STANDARD_HELP = "mixinStandardHelpOptions";

  static CommandSpec of(Main main) {
    CommandSpec spec =
        CommandSpec.wrapWithoutInspection(main).name("lbc").versionProvider(new Main.Version());
    main.spec = spec;
    spec.usageMessage()
        .description("Compile and lint load-balanced Microsoft Exchange deployments.")
        .footerHeading("%nExamples:%n")
        .footer(
            "  lbc lint examples/                      lint every deployment under examples/",
            "  lbc build deploy.yaml -o build/          HAProxy and the other configs, in build/",
            "  lbc diff --git origin/main deploy.yaml  what a change does, for a pull request",
            "  lbc lint --format sarif deploy.yaml     SARIF for GitHub code scanning",
            "  lbc convert deploy.yaml --to dsl        the same deployment in the DSL",
            "  lbc fmt --check deploy.lbc              fail if the DSL file is not formatted",
            "  lbc explain LBC101                      why a rule exists and how to fix it",
            "",
            "Exit codes: 0 ok, 1 errors found, 2 usage or unreadable input, 3 internal error.");
    spec.addMixin(STANDARD_HELP, standardHelp());
    return spec;
  }

  /** {@code -h, --help} and {@code -V, --version}, as picocli's annotated mixin declares them. */
  static CommandSpec standardHelp() {
    CommandSpec spec = CommandSpec.create();
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .type(boolean.class)
            .initialValue(false)
            .paramLabel("<helpRequested>")
            .descriptionKey("mixinStandardHelpOptions.help")
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .type(boolean.class)
            .initialValue(false)
            .paramLabel("<versionRequested>")
            .descriptionKey("mixinStandardHelpOptions.version")
            .description("Print version information and exit.")
            .build());
    return spec;
  }
}
