package dev.lbc.cli;

import dev.lbc.compiler.render.Format;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Output options shared by the commands that print diagnostics. */
final class OutputOptions {
  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = FormatConverter.class,
      description = "text, json, sarif, github, junit or gitlab (default: ${DEFAULT-VALUE}).")
  Format format = Format.TEXT;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      arity = "0..1",
      fallbackValue = "always",
      converter = OptionValues.ColorWhen.class,
      description = "Colour text output: auto (on a terminal), always or never.")
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

  /** Case-insensitive format names. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format f : Format.values()) {
        if (f.name().equalsIgnoreCase(value)) {
          return f;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not a format; use text, json, sarif, github, junit or gitlab");
    }
  }
}
