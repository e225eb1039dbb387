package dev.lbc.cli;

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
      description =
          "Colour text output: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always"
              + " (also --color alone) or never.")
  String color = "auto";

  @Option(names = "--debug", description = "Show stack traces of internal errors.")
  boolean debug;

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
