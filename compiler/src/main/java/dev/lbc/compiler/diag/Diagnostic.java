package dev.lbc.compiler.diag;

import dev.lbc.compiler.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One finding: a rule ID, its severity, a message, the primary span with an optional label,
 * secondary spans, notes and help lines. Diagnostics are values; renderers turn them into text,
 * JSON, SARIF, GitHub workflow commands or JUnit XML.
 *
 * @param code the rule ID, e.g. {@code LBC101}
 * @param label short text shown under the primary span's carets; may be empty
 */
public record Diagnostic(
    String code,
    Severity severity,
    String message,
    Span span,
    String label,
    List<Label> secondary,
    List<String> notes,
    List<String> helps) {

  /**
   * Sorts by file, position, then code and message, so output is stable. Written out, as {@link
   * Span#ORDER} is: a comparator chain's lambdas were linked on every cold lint.
   */
  public static final Comparator<Diagnostic> ORDER = new ByPlace();

  private static final class ByPlace implements Comparator<Diagnostic> {
    @Override
    public int compare(Diagnostic a, Diagnostic b) {
      int c = Span.ORDER.compare(a.span, b.span);
      if (c == 0) {
        c = a.code.compareTo(b.code);
      }
      return c != 0 ? c : a.message.compareTo(b.message);
    }
  }

  public Diagnostic {
    label = label == null ? "" : label;
    secondary = List.copyOf(secondary);
    notes = List.copyOf(notes);
    helps = List.copyOf(helps);
  }

  /** A diagnostic with no label, notes or help yet. */
  public static Diagnostic of(String code, Severity severity, Span span, String message) {
    return new Diagnostic(code, severity, message, span, "", List.of(), List.of(), List.of());
  }

  public Diagnostic withLabel(String text) {
    return new Diagnostic(code, severity, message, span, text, secondary, notes, helps);
  }

  public Diagnostic withSecondary(Span at, String text) {
    List<Label> more = new ArrayList<>(secondary);
    more.add(new Label(at, text));
    return new Diagnostic(code, severity, message, span, label, more, notes, helps);
  }

  public Diagnostic withNote(String text) {
    List<String> more = new ArrayList<>(notes);
    more.add(text);
    return new Diagnostic(code, severity, message, span, label, secondary, more, helps);
  }

  public Diagnostic withHelp(String text) {
    List<String> more = new ArrayList<>(helps);
    more.add(text);
    return new Diagnostic(code, severity, message, span, label, secondary, notes, more);
  }

  public Diagnostic withSeverity(Severity newSeverity) {
    return new Diagnostic(code, newSeverity, message, span, label, secondary, notes, helps);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** True if both have the same code, message and position (spans alone compare equal). */
  public boolean sameAs(Diagnostic other) {
    return code.equals(other.code)
        && message.equals(other.message)
        && Span.ORDER.compare(span, other.span) == 0;
  }
}
