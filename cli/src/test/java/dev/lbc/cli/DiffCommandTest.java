package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lbc diff} as a user meets it: against git, and with inputs it cannot compare. */
class DiffCommandTest {
  private static final Path PAIR = Repo.root().resolve("golden/diff/vip-moved");

  @TempDir Path repo;

  private void git(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(repo.toFile()).inheritIO().start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", cmd));
  }

  /** deploy.yaml committed as old.yaml, then changed in the work tree to new.yaml. */
  private Path committed() throws Exception {
    git("init", "-q");
    Path sub = Files.createDirectories(repo.resolve("site"));
    Path file = sub.resolve("deploy.yaml");
    Files.copy(PAIR.resolve("old.yaml"), file);
    git("add", "-A");
    git("commit", "-q", "-m", "old");
    Files.copy(PAIR.resolve("new.yaml"), file, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  private static Cli.Run diff(String... args) {
    List<String> all = new ArrayList<>(List.of("diff", "--now", Lbc.NOW.toString()));
    all.addAll(List.of(args));
    return Cli.lbc(all.toArray(String[]::new));
  }

  @Test
  void gitRevisionIsTheOldSideAndReportsTheSameAsTwoFiles() throws Exception {
    Path file = committed();
    Cli.Run fromGit = diff("--git", "HEAD", file.toString());
    Cli.Run fromFiles = diff(PAIR.resolve("old.yaml").toString(), file.toString());
    assertEquals(1, fromGit.exit(), fromGit.err());
    assertTrue(
        fromGit.out().startsWith("lbc diff HEAD:" + file + " → " + file + ": "), fromGit.out());
    // the same change, whichever way the old side was read
    assertEquals(
        fromFiles.out().substring(fromFiles.out().indexOf(": ")),
        fromGit.out().substring(fromGit.out().indexOf(": ")));
    assertTrue(fromGit.out().contains("VIP moved 192.168.30.10 → 192.168.30.11"), fromGit.out());
  }

  @Test
  void unchangedAgainstGitIsExitZero() throws Exception {
    Path file = committed();
    git("checkout", "-q", "--", ".");
    Cli.Run r = diff("--git", "HEAD", file.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().endsWith(": no changes\n"), r.out());
  }

  @Test
  void aMissingRevisionIsAUsageError() throws Exception {
    Path file = committed();
    Cli.Run r = diff("--git", "no-such-branch", file.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(
        r.err().startsWith("lbc: cannot read no-such-branch:./deploy.yaml from git: "), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void aFileNotInTheRevisionIsAUsageError() throws Exception {
    Path file = committed();
    Path other = Files.copy(file, file.resolveSibling("other.yaml"));
    Cli.Run r = diff("--git", "HEAD", other.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("cannot read HEAD:./other.yaml from git"), r.err());
  }

  @Test
  void anOptionLookingRevisionIsRefusedNotPassedToGit() throws Exception {
    Path file = committed();
    Cli.Run r = diff("--git=--output=/tmp/x", file.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("is not a git revision"), r.err());
  }

  @Test
  void aSideWithErrorsIsExitTwoWithItsFindings() throws Exception {
    Path broken = repo.resolve("broken.yaml");
    Files.writeString(broken, "lbc: 1\nname: x\nservices: 3\n");
    Cli.Run r = diff(PAIR.resolve("old.yaml").toString(), broken.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("cannot diff: " + broken + " has errors"), r.err());
    assertTrue(r.err().contains("error["), r.err());
    assertEquals("", r.out());
  }

  @Test
  void theWrongNumberOfFilesIsAUsageError() {
    Cli.Run one = diff(PAIR.resolve("old.yaml").toString());
    assertEquals(2, one.exit());
    assertTrue(one.err().contains("give OLD and NEW, or --git REV FILE"), one.err());
    Cli.Run three = diff("--git", "HEAD", "a.yaml", "b.yaml");
    assertEquals(2, three.exit());
    assertTrue(three.err().contains("with --git, give one FILE"), three.err());
    Cli.Run r = diff("--format", "sarif", "a.yaml", "b.yaml");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("text, markdown, json"), r.err());
  }

  @Test
  void aMissingFileIsAUsageError() {
    Cli.Run r = diff(PAIR.resolve("old.yaml").toString(), repo.resolve("gone.yaml").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("lbc: " + repo.resolve("gone.yaml") + ": "), r.err());
  }

  @Test
  void controlCharactersInAFileNameAreEscapedInEveryFormat() throws IOException {
    // the deployment's names are validated (LBC002), but a file name is whatever the branch holds:
    // an escape sequence that would clear the screen, and a line that would be a workflow command
    Path hostile =
        Files.copy(PAIR.resolve("new.yaml"), repo.resolve("new\u001b[2J\n::error::x.yaml"));
    for (String format : List.of("text", "markdown", "json")) {
      Cli.Run r =
          diff(
              "--files",
              "--format",
              format,
              PAIR.resolve("old.yaml").toString(),
              hostile.toString());
      assertEquals(1, r.exit(), r.err());
      assertFalse(r.out().contains("\u001b"), format + ": " + r.out());
      assertFalse(r.out().contains("\n::error::"), format + ": " + r.out());
    }
  }

  @Test
  void formatNamesAreCaseInsensitiveAsInLint() {
    Cli.Run r =
        diff(
            "--format",
            "JSON",
            PAIR.resolve("old.yaml").toString(),
            PAIR.resolve("new.yaml").toString());
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.out().startsWith("{\n  \"before\": "), r.out());
  }

  @Test
  void bothSidesAreLintedWithTheSettingsLintUses() throws Exception {
    Path old = Repo.root().resolve("examples/exchange2016-layer7-snat.yaml");
    Path changed = repo.resolve("deploy.yaml");
    Files.copy(Repo.root().resolve("golden/rules/lbc202-least-connection/input.yaml"), changed);
    assertTrue(diff(old.toString(), changed.toString()).out().contains("warning[LBC202]"));
    Cli.Run disabled = diff("--disable", "least-connection", old.toString(), changed.toString());
    assertEquals(1, disabled.exit(), disabled.err());
    assertFalse(disabled.out().contains("LBC202"), disabled.out());
    Files.writeString(repo.resolve(".lbc.yaml"), "severity: { LBC202: info }\n");
    assertTrue(diff(old.toString(), changed.toString()).out().contains("info[LBC202]"));
    Path config = Files.writeString(repo.resolve("ci.yaml"), "disable: [LBC202]\n");
    Cli.Run configured = diff("--config", config.toString(), old.toString(), changed.toString());
    assertFalse(configured.out().contains("LBC202"), configured.out());
  }
}
