package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Label;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.RuleConfig;
import dev.lbc.compiler.source.Span;
import dev.lbc.compiler.spi.Rules;
import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A run of many files is compiled on several threads (ADR 0026): every file's findings, and the
 * run's own (LBC117 across files), with their places, are those of the same run on one thread, with
 * the real rules, over every example and every golden diagnostics and rules input at once.
 */
class ParallelLintTest {
  private static final Path ROOT = Repo.root();
  private static final String NOW = "2026-06-01T00:00:00Z";

  private static List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of("examples", "golden/diagnostics", "golden/rules")) {
      try (Stream<Path> walk = Files.walk(ROOT.resolve(folder))) {
        walk.filter(p -> p.toString().matches(".*\\.(yaml|lbc)$"))
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .sorted()
            .forEach(files::add);
      }
    }
    assertTrue(files.size() > 80, "inputs: " + files.size());
    return files;
  }

  /**
   * Everything a user reads of a finding: Span's equals ignores places, so they are written out.
   */
  private static String describe(CompileResult r) {
    StringBuilder s =
        new StringBuilder(r.file().displayPath()).append(r.model() == null ? " -" : " +");
    for (Diagnostic d : r.diagnostics()) {
      s.append('\n').append(d.code()).append(' ').append(d.severity()).append(' ');
      s.append(place(d.span())).append(' ').append(d.message()).append(" [").append(d.label());
      for (Label l : d.secondary()) {
        s.append("; ").append(place(l.span())).append(' ').append(l.message());
      }
      s.append("] ").append(d.notes()).append(' ').append(d.helps());
    }
    return s.toString();
  }

  private static String place(Span span) {
    return span.location() + "-" + span.endLine() + ":" + span.endColumn();
  }

  @Test
  void manyThreadsFindWhatOneFinds() throws IOException {
    List<Compiler.Input> inputs = new ArrayList<>();
    for (Path f : files()) {
      inputs.add(new Compiler.Input(f, ROOT.relativize(f).toString(), RuleConfig.DEFAULT));
    }
    Compiler compiler = new Compiler(Rules.load(), false).at(Instant.parse(NOW));
    // several threads first, while what they share may still be made on first use
    List<List<CompileResult>> many = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      many.add(compiler.withThreads(4).compileRun(inputs));
    }
    List<CompileResult> one = compiler.withThreads(1).compileRun(inputs);
    for (List<CompileResult> run : many) {
      assertEquals(one.size(), run.size());
      for (int i = 0; i < one.size(); i++) {
        assertEquals(describe(one.get(i)), describe(run.get(i)));
      }
    }
    assertTrue(
        one.stream().anyMatch(r -> describe(r).contains("\nLBC117 ")),
        "no finding of the run's own rules to compare");
  }

  /**
   * The same in new JVMs, where every class is loaded and every lazy value made while the threads
   * run: `lbc lint --format json` of every input on four threads prints, byte for byte, what it
   * prints on one (the JVM told it has one processor).
   */
  @Test
  void aColdLintOnFourThreadsPrintsWhatOneThreadPrints() throws Exception {
    List<String> args = new ArrayList<>(List.of("lint", "--format", "json", "--now", NOW));
    for (Path f : files()) {
      args.add(ROOT.relativize(f).toString());
    }
    String one = lint(1, args);
    assertTrue(one.contains("LBC117"), "no finding of the run's own rules to compare");
    assertEquals(one, lint(4, args));
  }

  private static String lint(int processors, List<String> args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=" + processors,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.lbc.cli.Main"));
    command.addAll(args);
    Path err = Files.createTempFile("lbc-err", ".txt");
    Process p =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "lint did not end");
    String errors = Files.readString(err);
    Files.delete(err);
    assertEquals(1, p.exitValue(), "exit (the golden inputs hold errors); stderr: " + errors);
    return out;
  }
}
