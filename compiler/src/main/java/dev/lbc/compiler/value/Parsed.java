package dev.lbc.compiler.value;

/**
 * The result of parsing a value: the value, or a message saying what is wrong and how to write it.
 */
public record Parsed<T>(T value, String error) {
  public static <T> Parsed<T> ok(T value) {
    return new Parsed<>(value, null);
  }

  public static <T> Parsed<T> fail(String error) {
    return new Parsed<>(null, error);
  }

  public boolean ok() {
    return error == null;
  }

  /** The value; only for input that was validated before. */
  public T get() {
    if (error != null) {
      throw new IllegalStateException("value was not validated: " + error);
    }
    return value;
  }
}
