package dev.lbc.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Terminal options of every command that prints to one. {@code --format} is not here: only the
 * commands that report diagnostics offer it ({@link FormatOption}).
 */
final class OutputOptions {
  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      arity = "0..1",
      fallbackValue = "always",
      converter = OptionValues.ColorWhen.class,
      description = COLOR_HELP)
  String color = "auto";

  @Option(names = "--debug", description = DEBUG_HELP)
  boolean debug;

  static final String COLOR_HELP =
      "Colour text output: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always"
          + " (also --color alone) or never.";
  static final String DEBUG_HELP = "Show stack traces of internal errors.";

  /** The options above as a mixin built in code, for {@code lint} (see {@link Binding}). */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    spec.addOption(
        Binding.option(() -> color, c -> color = c, String.class, "--color")
            .paramLabel("WHEN")
            .defaultValue("auto")
            .arity("0..1")
            .fallbackValue("always")
            .converters(new OptionValues.ColorWhen())
            .description(COLOR_HELP)
            .build());
    spec.addOption(
        Binding.option(() -> debug, d -> debug = d, boolean.class, "--debug")
            .paramLabel("<debug>")
            .description(DEBUG_HELP)
            .build());
    return spec;
  }

  boolean color() {
    return switch (color) {
      case "always" -> true;
      case "never" -> false;
      default ->
          System.console() != null
              && System.getenv("NO_COLOR") == null
              && !"dumb".equals(System.getenv("TERM"));
    };
  }
}
