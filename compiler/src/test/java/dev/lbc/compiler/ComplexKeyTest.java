package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A YAML key that is a list, a mapping or an alias is LBC001 at the key, in plain words. */
class ComplexKeyTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "x: 1\\n? [a, b]\\n: c\\n|2|3",
        "x: 1\\n? - a\\n  - b\\n: c\\n|2|3",
        "x: 1\\n? a: b\\n: c\\n|2|3",
        "x:\\n  ? {a: b}\\n  : c\\n|2|5",
        "x: {? [a, b] : c}\\n|1|7",
        "x: 1\\n[a, b]: c\\n|2|1",
        "x: &a [1]\\n? *a\\n: c\\n|2|3",
      })
  void complexKeysAreReportedAtTheKey(String yaml, int line, int column) {
    CompileResult r = Lbc.yaml(yaml.replace("\\n", "\n"));
    assertEquals(List.of("LBC001"), Lbc.codes(r), r.diagnostics().toString());
    Diagnostic d = r.diagnostics().get(0);
    assertEquals(line + ":" + column, d.span().line() + ":" + d.span().column(), d.message());
    assertTrue(d.message().contains("a mapping key must be plain text"), d.message());
    assertFalse(d.message().contains("snakeyaml"), d.message());
    assertFalse(d.message().contains("Event"), d.message());
  }
}
