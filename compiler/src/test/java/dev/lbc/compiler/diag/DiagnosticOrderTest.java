package dev.lbc.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Span.ORDER and Diagnostic.ORDER are written out; the comparator chains they replace are the
 * oracle, over spans and diagnostics drawn from few values so that every tie is met.
 */
class DiagnosticOrderTest {
  private static final Comparator<Span> SPAN_CHAIN =
      Comparator.comparing((Span s) -> s.file() == null ? "" : s.file().displayPath())
          .thenComparingInt(Span::line)
          .thenComparingInt(Span::column)
          .thenComparingInt(Span::endLine)
          .thenComparingInt(Span::endColumn);

  private static final Comparator<Diagnostic> DIAGNOSTIC_CHAIN =
      Comparator.comparing(Diagnostic::span, SPAN_CHAIN)
          .thenComparing(Diagnostic::code)
          .thenComparing(Diagnostic::message);

  @Test
  void writtenOutOrdersCompareAsTheChainsDid() {
    Random random = new Random(14);
    List<SourceFile> files = List.of(new SourceFile("a.yaml", ""), new SourceFile("b.yaml", ""));
    List<Diagnostic> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      SourceFile file = random.nextInt(5) == 0 ? null : files.get(random.nextInt(2));
      int line = 1 + random.nextInt(3);
      int column = 1 + random.nextInt(3);
      Span span =
          new Span(file, line, column, line + random.nextInt(2), column + random.nextInt(3));
      all.add(
          Diagnostic.of(
              "LBC10" + random.nextInt(3), Severity.ERROR, span, "message " + random.nextInt(3)));
    }
    for (Diagnostic a : all) {
      for (Diagnostic b : all) {
        assertEquals(
            Integer.signum(SPAN_CHAIN.compare(a.span(), b.span())),
            Integer.signum(Span.ORDER.compare(a.span(), b.span())),
            () ->
                a.span().line()
                    + ":"
                    + a.span().column()
                    + " vs "
                    + b.span().line()
                    + ":"
                    + b.span().column());
        assertEquals(
            Integer.signum(DIAGNOSTIC_CHAIN.compare(a, b)),
            Integer.signum(Diagnostic.ORDER.compare(a, b)),
            () -> a.code() + " " + a.message() + " vs " + b.code() + " " + b.message());
      }
    }
  }
}
