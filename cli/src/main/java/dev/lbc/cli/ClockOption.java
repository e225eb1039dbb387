package dev.lbc.cli;

import dev.lbc.compiler.pipeline.Compiler;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --now}: the one clock of the rules that depend on time (certificate validity, end of
 * support). Without it, {@code SOURCE_DATE_EPOCH} fixes the clock when set, as reproducible builds
 * expect; otherwise the lint runs at the current time.
 */
final class ClockOption {
  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      converter = InstantValue.class,
      description = HELP)
  Instant now;

  static final String HELP =
      "Lint as if it were this UTC instant, e.g. 2026-12-01T00:00:00Z (default:"
          + " SOURCE_DATE_EPOCH when set, else the current time).";

  /** The option above as a mixin built in code, for {@code lint} (see {@link Binding}). */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    spec.addOption(
        Binding.option(() -> now, n -> now = n, Instant.class, "--now")
            .paramLabel("INSTANT")
            .converters(new InstantValue())
            .description(HELP)
            .build());
    return spec;
  }

  /** {@code compiler} with its clock fixed when the command line or the environment fixes it. */
  Compiler apply(Compiler compiler) {
    Instant fixed = now != null ? now : sourceDateEpoch(System.getenv("SOURCE_DATE_EPOCH"));
    return fixed == null ? compiler : compiler.at(fixed);
  }

  /** The instant {@code SOURCE_DATE_EPOCH} names (seconds since 1970), or null when unset. */
  static Instant sourceDateEpoch(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.ofEpochSecond(Long.parseLong(value.trim()));
    } catch (NumberFormatException | DateTimeException e) {
      throw new Main.UsageError(
          "SOURCE_DATE_EPOCH is `"
              + value
              + "`, not a number of seconds since 1970-01-01T00:00:00Z: fix or unset it");
    }
  }

  /** An ISO-8601 instant such as {@code 2026-12-01T00:00:00Z}. */
  static final class InstantValue implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "`" + value + "` is not a UTC instant such as 2026-12-01T00:00:00Z");
      }
    }
  }
}
