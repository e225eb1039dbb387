package dev.lbc.cli;

import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A field of a command or mixin as picocli reads and writes it, for the models built in code (a
 * cold lint never reads picocli's annotations: docs/performance.md, "Cold lint"). A named class
 * over the java.util.function interfaces, not a lambda: picocli's own interfaces are Java 5's, and
 * a lambda implementing one makes the class-data archive drop it (see {@link ErrorHandlers}).
 */
final class Binding<V> implements IGetter, ISetter {
  private final Supplier<V> get;
  private final Consumer<V> set;

  private Binding(Supplier<V> get, Consumer<V> set) {
    this.get = get;
    this.set = set;
  }

  /**
   * An option bound to a field; its initial value, which picocli restores before each parse, is the
   * field's value now, as picocli takes it from an annotated field.
   */
  static <V> OptionSpec.Builder option(
      Supplier<V> get, Consumer<V> set, Class<?> type, String... names) {
    Binding<V> b = new Binding<>(get, set);
    return OptionSpec.builder(names).type(type).getter(b).setter(b).initialValue(get.get());
  }

  /** A positional parameter bound to a field, as {@link #option}. */
  static <V> PositionalParamSpec.Builder positional(
      Supplier<V> get, Consumer<V> set, Class<?> type) {
    Binding<V> b = new Binding<>(get, set);
    return PositionalParamSpec.builder().type(type).getter(b).setter(b).initialValue(get.get());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get() {
    return (T) get.get();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T set(T value) {
    T old = get();
    set.accept((V) value);
    return old;
  }
}
