package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lbc.testsupport.Golden;
import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code lbc diff} on pairs of deployments (golden/diff/CASE/old.yaml and new.yaml): the text
 * report with every generated file's diff, the Markdown comment and the JSON, each with its exit
 * code, are the review surface.
 */
class GoldenDiffTest {
  private static final Path KIND = Repo.root().resolve("golden/diff");

  @TestFactory
  Stream<DynamicTest> everyPairDiffsAsBlessed() throws IOException {
    Golden.checkNoOrphans(KIND, d -> Files.exists(d.resolve("old.yaml")));
    List<Path> cases;
    try (Stream<Path> s = Files.list(KIND)) {
      cases = s.filter(Files::isDirectory).sorted().toList();
    }
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
  }

  private static void check(Path caseDir) {
    String text = run(caseDir, "text", "--files");
    String markdown = run(caseDir, "markdown");
    String json = run(caseDir, "json");
    Golden.checkFolder(
        caseDir,
        Map.of("expected.txt", text, "expected.md", markdown, "expected.json", json),
        f -> f.equals("old.yaml") || f.equals("new.yaml"));
    // the exit code follows the content, as git diff --exit-code: 0 only when nothing changes
    assertEquals(
        caseDir.getFileName().toString().equals("no-change"),
        text.endsWith("exit: 0\n"),
        caseDir + ": " + text.lines().reduce((a, b) -> b).orElse(""));
  }

  private static String run(Path caseDir, String format, String... more) {
    Stream<String> args =
        Stream.concat(
            Stream.of(
                "diff",
                "--now",
                Lbc.NOW.toString(),
                "--format",
                format,
                caseDir.resolve("old.yaml").toString(),
                caseDir.resolve("new.yaml").toString()),
            Stream.of(more));
    Cli.Run r = Cli.lbc(args.toArray(String[]::new));
    return (r.out() + r.err()).replace(caseDir + "/", "$DIR/") + "exit: " + r.exit() + "\n";
  }
}
