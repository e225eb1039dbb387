package dev.lbc.cli;

import dev.lbc.compiler.render.Format;
import dev.lbc.compiler.render.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code --format}, for the commands that report diagnostics ({@code lint}, {@code build}). */
final class FormatOption {
  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = FormatConverter.class,
      description = "How diagnostics are printed: ${COMPLETION-CANDIDATES} (default: text).",
      completionCandidates = Names.class)
  Format format = Format.TEXT;

  /** The report in the chosen format, through the renderer every command shares. */
  String render(Report report, boolean color) {
    return format.renderer(color).render(report);
  }

  /** The format names, in lower case. */
  static final class Names extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Names() {
      super(Arrays.stream(Format.values()).map(Names::word).toList());
    }

    static String word(Format f) {
      return f.name().toLowerCase(Locale.ROOT);
    }
  }

  /** Case-insensitive format names. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return OptionValues.word(Format.class, value);
    }
  }
}
