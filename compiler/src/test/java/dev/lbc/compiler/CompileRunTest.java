package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.RuleConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of many files (staged on two threads) gives each file what compiling it alone gives, in the
 * order the files were named, and fails as the first failing file would.
 */
class CompileRunTest {
  private static final RuleConfig NONE = RuleConfig.DEFAULT;

  @Test
  void manyFilesGiveWhatEachGivesAloneInInputOrder() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path dir :
        List.of(root().resolve("examples"), root().resolve("golden").resolve("diagnostics"))) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".lbc"))
            .sorted()
            .forEach(files::add);
      }
    }
    List<Compiler.Input> inputs = new ArrayList<>();
    List<String> alone = new ArrayList<>();
    for (Path f : files) {
      inputs.add(new Compiler.Input(f, f.toString(), NONE));
      alone.add(describe(Lbc.COMPILER.compile(f, f.toString())));
    }
    List<String> together = new ArrayList<>();
    for (CompileResult r : Lbc.COMPILER.compileRun(inputs)) {
      together.add(describe(r));
    }
    assertEquals(alone, together);
  }

  @Test
  void theFirstUnreadableFileInInputOrderIsTheOneReported(@TempDir Path tmp) throws IOException {
    Path good = root().resolve("examples").resolve("lab.yaml");
    Path first = Files.createDirectory(tmp.resolve("first.yaml"));
    Path second = Files.createDirectory(tmp.resolve("second.lbc"));
    List<Compiler.Input> inputs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      inputs.add(new Compiler.Input(good, "lab.yaml", NONE));
    }
    inputs.add(new Compiler.Input(first, "first.yaml", NONE));
    inputs.add(new Compiler.Input(good, "lab.yaml", NONE));
    inputs.add(new Compiler.Input(second, "second.lbc", NONE));
    for (int round = 0; round < 20; round++) {
      Compiler.UnreadableInput e =
          assertThrows(Compiler.UnreadableInput.class, () -> Lbc.COMPILER.compileRun(inputs));
      assertEquals("first.yaml", e.getMessage().substring(0, "first.yaml".length()));
    }
  }

  private static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("examples"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no examples/ above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  private static String describe(CompileResult r) {
    return r.file().displayPath()
        + " model="
        + (r.model() != null)
        + "\n"
        + String.join("\n", r.diagnostics().stream().map(Object::toString).toList());
  }
}
