package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.RuleConfig;
import dev.lbc.compiler.spi.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A run of many files is staged on several threads: every file's findings, and the run's own
 * (LBC117 across files), are those of the same run on one thread, with the real rules, over every
 * example and every golden diagnostics and rules input at once.
 */
class ParallelLintTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static List<Compiler.Input> inputs() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of("examples", "golden/diagnostics", "golden/rules")) {
      try (Stream<Path> walk = Files.walk(ROOT.resolve(folder))) {
        walk.filter(p -> p.toString().matches(".*\\.(yaml|lbc)$"))
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .sorted()
            .forEach(files::add);
      }
    }
    List<Compiler.Input> inputs = new ArrayList<>();
    for (Path f : files) {
      inputs.add(new Compiler.Input(f, ROOT.relativize(f).toString(), RuleConfig.DEFAULT));
    }
    return inputs;
  }

  @Test
  void manyThreadsFindWhatOneFinds() throws IOException {
    List<Compiler.Input> inputs = inputs();
    assertTrue(inputs.size() > 80, "inputs: " + inputs.size());
    Compiler compiler = new Compiler(Rules.load(), false).at(Instant.parse("2026-06-01T00:00:00Z"));
    List<CompileResult> one = compiler.withThreads(1).compileRun(inputs);
    for (int round = 0; round < 3; round++) {
      List<CompileResult> many = compiler.withThreads(4).compileRun(inputs);
      assertEquals(one.size(), many.size());
      for (int i = 0; i < one.size(); i++) {
        String file = inputs.get(i).displayPath();
        assertEquals(one.get(i).file(), many.get(i).file(), file);
        assertEquals(one.get(i).diagnostics(), many.get(i).diagnostics(), file);
        assertEquals(one.get(i).model() == null, many.get(i).model() == null, file);
      }
    }
    assertTrue(
        one.stream()
            .anyMatch(r -> r.diagnostics().stream().anyMatch(d -> d.code().equals("LBC117"))),
        "no finding of the run's own rules to compare");
  }
}
