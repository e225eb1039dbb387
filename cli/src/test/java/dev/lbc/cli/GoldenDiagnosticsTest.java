package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.catalog.Markers;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.spi.Rules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * UI tests in the style of rustc: each folder of golden/diagnostics holds an input and the exact
 * text {@code lbc lint} prints for it (expected.txt, with the exit code). Inline markers ({@code #
 * ~ LBC002} on the offending line) must match the (line, rule) pairs found, so a blindly re-blessed
 * golden file cannot hide a lost diagnostic. Bless: -Dlbc.bless=true.
 */
class GoldenDiagnosticsTest {
  @TestFactory
  Stream<DynamicTest> languageCases() throws IOException {
    List<Path> cases = cases("golden/diagnostics");
    assertTrue(cases.size() >= 40, "at least 40 golden diagnostic cases, found " + cases.size());
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
  }

  @TestFactory
  Stream<DynamicTest> ruleCases() throws IOException {
    return cases("golden/rules").stream()
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
  }

  private static List<Path> cases(String folder) throws IOException {
    try (Stream<Path> s = Files.list(Repo.root().resolve(folder))) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static void check(Path caseDir) throws IOException {
    Path input;
    try (Stream<Path> s = Files.list(caseDir)) {
      input =
          s.filter(p -> p.getFileName().toString().startsWith("input."))
              .findFirst()
              .orElseThrow(() -> new AssertionError(caseDir + " has no input file"));
    }
    String text = Files.readString(input, StandardCharsets.UTF_8);
    assertTrue(
        text.startsWith("# purpose: "), input + " must start with a comment saying its purpose");

    Repo.Run run = Repo.lbc("lint", "--color=never", input.toString());
    String prefix = caseDir.toString() + "/";
    String actual = run.out().replace(prefix, "$DIR/") + "exit: " + run.exit() + "\n";
    Path expected = caseDir.resolve("expected.txt");
    if (Repo.bless()) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(expected), "missing " + expected + "; run with -Dlbc.bless=true");
    assertEquals(
        Files.readString(expected, StandardCharsets.UTF_8),
        actual,
        "golden output differs for " + caseDir.getFileName());

    CompileResult r = new Compiler(Rules.load(), false).compile(input, input.toString());
    List<String> found = new ArrayList<>();
    for (Diagnostic d : r.diagnostics()) {
      found.add(d.span().line() + " " + d.code());
    }
    List<String> markers = new ArrayList<>();
    for (Markers.Marker m : Markers.in(r.file().lines())) {
      markers.add(m.toString());
    }
    Collections.sort(found);
    Collections.sort(markers);
    assertEquals(markers, found, "inline # ~ markers vs diagnostics (line rule)");
  }
}
