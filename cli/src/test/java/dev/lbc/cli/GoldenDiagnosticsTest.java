package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.catalog.Markers;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.RuleConfig;
import dev.lbc.compiler.spi.Rules;
import dev.lbc.testsupport.Golden;
import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * UI tests in the style of rustc: each folder of golden/diagnostics holds an input and the exact
 * text {@code lbc lint} prints for it (expected.txt, with the exit code). Inline markers ({@code #
 * ~ LBC002} on the offending line) must match the (line, rule) pairs found, so a blindly re-blessed
 * golden file cannot hide a lost diagnostic. Bless: {@link Golden#BLESS_COMMAND}.
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

  /**
   * The case folders of {@code folder}: those with an input. A folder whose input is gone is
   * orphaned (deleted when blessing, a failure otherwise).
   */
  private static List<Path> cases(String folder) throws IOException {
    Path kind = Repo.root().resolve(folder);
    Golden.checkNoOrphans(kind, GoldenDiagnosticsTest::hasInput);
    try (Stream<Path> s = Files.list(kind)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static boolean hasInput(Path caseDir) {
    try (Stream<Path> s = Files.list(caseDir)) {
      return s.anyMatch(p -> isInput(p.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isInput(String file) {
    return file.startsWith("input.");
  }

  /**
   * Checks one case. A case of a rule about what files share (LBC117) holds several inputs ({@code
   * input.1.yaml}, {@code input.2.lbc}): they are linted in one run, in name order, and each file's
   * markers are matched against that file's findings.
   */
  private static void check(Path caseDir) throws IOException {
    List<Path> inputs;
    try (Stream<Path> s = Files.list(caseDir)) {
      inputs = s.filter(p -> isInput(p.getFileName().toString())).sorted().toList();
    }
    assertTrue(!inputs.isEmpty(), caseDir + " has no input file");
    for (Path input : inputs) {
      String text = Files.readString(input, StandardCharsets.UTF_8);
      assertTrue(
          text.startsWith("# purpose: "), input + " must start with a comment saying its purpose");
    }

    // at the tests' clock: the certificate cases' files are dated (golden/certs/README.md)
    List<String> args =
        new ArrayList<>(List.of("lint", "--color=never", "--now", Lbc.NOW.toString()));
    inputs.forEach(i -> args.add(i.toString()));
    Cli.Run run = Cli.lbc(args.toArray(String[]::new));
    String prefix = caseDir.toString() + "/";
    String actual = run.out().replace(prefix, "$DIR/") + "exit: " + run.exit() + "\n";
    // what the test writes is named expected*: expected.txt, and no stale output beside it
    Golden.checkFolder(caseDir, Map.of("expected.txt", actual), f -> !f.startsWith("expected"));

    List<Compiler.Input> run2 = new ArrayList<>();
    inputs.forEach(i -> run2.add(new Compiler.Input(i, i.toString(), RuleConfig.DEFAULT)));
    List<String> found = new ArrayList<>();
    List<String> markers = new ArrayList<>();
    for (CompileResult r : new Compiler(Rules.load(), false).at(Lbc.NOW).compileRun(run2)) {
      String file = inputs.size() == 1 ? "" : r.file().displayPath() + ":";
      for (Diagnostic d : r.diagnostics()) {
        found.add(file + d.span().line() + " " + d.code());
      }
      for (Markers.Marker m : Markers.in(r.file().lines())) {
        markers.add(file + m);
      }
    }
    Collections.sort(found);
    Collections.sort(markers);
    assertEquals(markers, found, "inline # ~ markers vs diagnostics (line rule)");
  }
}
