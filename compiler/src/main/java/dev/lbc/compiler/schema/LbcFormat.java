package dev.lbc.compiler.schema;

import dev.lbc.compiler.value.Formats;
import java.util.Optional;
import org.everit.json.schema.FormatValidator;

/**
 * An lbc format ({@code lbc-ip}, {@code lbc-duration}, ...) as everit checks it: the check is
 * {@link Formats#check}. Equal by name, so the prepared schema and one everit loads from the JSON
 * compare equal ({@code StringSchema.equals} compares format validators).
 */
public final class LbcFormat implements FormatValidator {
  private final String name;

  public LbcFormat(String name) {
    this.name = name;
  }

  @Override
  public Optional<String> validate(String subject) {
    return Optional.ofNullable(Formats.check(name, subject));
  }

  @Override
  public String formatName() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LbcFormat other && other.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }
}
