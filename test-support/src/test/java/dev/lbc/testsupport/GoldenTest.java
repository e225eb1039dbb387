package dev.lbc.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a developer sees when output and golden file part: a unified diff, the command that blesses,
 * and the orphans named; and what blessing writes and deletes.
 */
class GoldenTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void aMismatchShowsAUnifiedDiffAndTheBlessCommand() throws Exception {
    Path expected = file("expected.txt", "one\ntwo\nthree\n");
    AssertionError e =
        assertThrows(
            AssertionError.class, () -> Golden.check(expected, "one\nTWO\nthree\n", false));
    String m = e.getMessage();
    assertTrue(m.contains("@@ -1,4 +1,4 @@\n one\n-two\n+TWO\n three\n"), m);
    assertTrue(m.contains(Golden.BLESS_COMMAND), m);
    assertTrue(m.contains("-Dlbc.bless=true"), m);
  }

  @Test
  void aLostFinalNewlineAndACarriageReturnAreVisible() throws Exception {
    Path expected = file("expected.txt", "a\nb\n");
    String m =
        assertThrows(AssertionError.class, () -> Golden.check(expected, "a\r\nb", false))
            .getMessage();
    assertTrue(m.contains("+a\\r\n"), m);
    assertTrue(m.contains("-\n"), "the empty last line after the newline is gone: " + m);
  }

  @Test
  void equalOutputPassesAndAMissingGoldenFileFails() throws Exception {
    Path expected = file("expected.txt", "same\n");
    Golden.check(expected, "same\n", false);
    String m =
        assertThrows(AssertionError.class, () -> Golden.check(dir.resolve("none.txt"), "x", false))
            .getMessage();
    assertTrue(m.contains("none.txt is missing"), m);
  }

  @Test
  void blessingWritesTheOutput() throws Exception {
    Path expected = dir.resolve("new/expected.txt");
    Golden.check(expected, "fresh\n", true);
    assertEquals("fresh\n", Files.readString(expected, StandardCharsets.UTF_8));
  }

  @Test
  void aFolderWithAFileNoTestProducesFails() throws Exception {
    file("case/input.yaml", "in");
    file("case/expected.txt", "out");
    file("case/expected.json", "stale");
    Path folder = dir.resolve("case");
    String m =
        assertThrows(
                AssertionError.class,
                () ->
                    Golden.checkFolder(
                        folder, Map.of("expected.txt", "out"), f -> f.startsWith("input."), false))
            .getMessage();
    assertTrue(m.contains("expected.json is orphaned"), m);
    assertFalse(m.contains("input.yaml"), m);

    Golden.checkFolder(folder, Map.of("expected.txt", "new"), f -> f.startsWith("input."), true);
    assertFalse(Files.exists(folder.resolve("expected.json")), "blessing deletes the orphan");
    assertTrue(Files.exists(folder.resolve("input.yaml")), "and never an input");
    assertEquals("new", Files.readString(folder.resolve("expected.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void aCaseFolderWhoseInputIsGoneIsOrphaned() throws Exception {
    file("kind/live/input.yaml", "in");
    file("kind/dead/expected.txt", "out");
    Path kind = dir.resolve("kind");
    String m =
        assertThrows(
                AssertionError.class,
                () ->
                    Golden.checkNoOrphans(kind, c -> Files.exists(c.resolve("input.yaml")), false))
            .getMessage();
    assertTrue(m.contains("dead"), m);
    assertFalse(m.contains("live"), m);
    assertTrue(m.contains(Golden.BLESS_COMMAND), m);

    Golden.checkNoOrphans(kind, c -> Files.exists(c.resolve("input.yaml")), true);
    assertFalse(Files.exists(kind.resolve("dead")));
    assertTrue(Files.exists(kind.resolve("live/input.yaml")));
  }
}
