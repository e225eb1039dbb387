package dev.lbc.cli;

import dev.lbc.compiler.render.Format;
import dev.lbc.compiler.render.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --format}, for the commands that report diagnostics ({@code lint}, {@code build}). */
final class FormatOption {
  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = FormatConverter.class,
      description = HELP,
      completionCandidates = Names.class)
  Format format = Format.TEXT;

  static final String HELP =
      "How diagnostics are printed: ${COMPLETION-CANDIDATES} (default: text).";

  /** The option above as a mixin built in code, for {@code lint} (see {@link Binding}). */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    spec.addOption(
        Binding.option(() -> format, f -> format = f, Format.class, "-f", "--format")
            .paramLabel("FORMAT")
            .defaultValue("text")
            .converters(new FormatConverter())
            .description(HELP)
            .completionCandidates(new Names())
            .build());
    return spec;
  }

  /** The report in the chosen format, through the renderer every command shares. */
  String render(Report report, boolean color) {
    return format.renderer(color).render(report);
  }

  /**
   * The format {@code args} ask for, read without picocli: the last valid {@code -f FORMAT}, {@code
   * -fFORMAT}, {@code -f=FORMAT} or {@code --format[=]FORMAT} before {@code --}; text if none. For
   * a command line that did not parse, whose report must still be in the format the CI job reads.
   */
  static Format requested(String[] args) {
    Format found = Format.TEXT;
    for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
      String a = args[i];
      String value = null;
      if ((a.equals("-f") || a.equals("--format")) && i + 1 < args.length) {
        value = args[++i];
      } else if (a.startsWith("--format=")) {
        value = a.substring("--format=".length());
      } else if (a.startsWith("-f") && !a.startsWith("--") && a.length() > 2) {
        value = a.substring(a.charAt(2) == '=' ? 3 : 2);
      }
      if (value != null) {
        try {
          found = new FormatConverter().convert(value);
        } catch (RuntimeException notAFormat) {
          // a bad --format is the error being reported; the others stand
        }
      }
    }
    return found;
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
