package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.source.SourceText;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input that cannot be read is a usage error (exit 2) with a message that says what is wrong and
 * where: a FIFO or a device is not a regular file (and is never opened, so lbc cannot block on it),
 * a directory is a directory, a symbolic link loop is a loop. (A certificate file that cannot be
 * read is a located finding, LBC113: {@link CertificateInputTest}.)
 */
class UnreadableInputTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  private static Cli.Run lbc(String... args) {
    return assertTimeoutPreemptively(BOUND, () -> Cli.lbc(args));
  }

  private static void assertUsage(Cli.Run run, String... parts) {
    assertEquals(2, run.exit(), run.out() + run.err());
    for (String part : parts) {
      assertTrue(run.err().contains(part), "expected `" + part + "` in: " + run.err());
    }
    assertFalse(run.err().contains("internal error"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }

  private static Path fifo(Path dir, String name) throws Exception {
    Path p = dir.resolve(name);
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor());
    return p;
  }

  @Test
  void aFolderWithoutDeploymentsIsAUsageError(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("notes.txt"), "not a deployment\n");
    assertUsage(lbc("lint", tmp.toString()), tmp + ": no deployment file");
  }

  @Test
  void aFifoIsNotARegularFileAndIsNeverOpened(@TempDir Path tmp) throws Exception {
    Path p = fifo(tmp, "deploy.yaml");
    assertUsage(lbc("lint", p.toString()), p + ": not a regular file (a FIFO)");
    assertUsage(lbc("lint", tmp + "/*.yaml"), p + ": not a regular file (a FIFO)");
    assertUsage(lbc("lint", tmp.toString()), p + ": not a regular file (a FIFO)");
    Path dsl = fifo(tmp, "deploy.lbc");
    assertUsage(lbc("fmt", dsl.toString()), dsl + ": not a regular file (a FIFO)");
    assertUsage(
        lbc("build", p.toString(), "-o", tmp.resolve("out").toString()),
        p + ": not a regular file (a FIFO)");
    assertUsage(lbc("convert", p.toString(), "--to", "dsl"), p + ": not a regular file (a FIFO)");
  }

  @Test
  void aDeviceIsNotARegularFile() {
    assertUsage(lbc("lint", "/dev/null"), "/dev/null: not a regular file (a character device)");
  }

  @Test
  void aDirectoryGivenAsTheDeploymentSaysSo(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("deploy.yaml"));
    assertUsage(
        lbc("build", dir.toString(), "-o", tmp.resolve("out").toString()),
        dir + ": a directory, not a file");
    assertUsage(lbc("convert", dir.toString(), "--to", "dsl"), dir + ": a directory");
  }

  @Test
  void aMissingFileIsNoSuchFile(@TempDir Path tmp) {
    Path p = tmp.resolve("missing.yaml");
    assertUsage(lbc("lint", p.toString()), p + ": no such file or directory");
    assertUsage(
        lbc("build", p.toString(), "-o", tmp.resolve("out").toString()),
        p + ": no such file or directory");
  }

  @Test
  void aSymbolicLinkLoopIsNamed(@TempDir Path tmp) throws Exception {
    Path a = tmp.resolve("a.yaml");
    Path b = tmp.resolve("b.yaml");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);
    assertUsage(lbc("lint", a.toString()), a + ": a symbolic link loop");
    assertUsage(lbc("lint", tmp.toString()), "a.yaml: a symbolic link loop");
    Files.delete(a);
    Files.createSymbolicLink(tmp.resolve("c.lbc"), tmp.resolve("c.lbc"));
    assertUsage(lbc("fmt", tmp.toString()), "c.lbc: a symbolic link loop");
  }

  @Test
  void permissionDeniedIsSaidInPlainWords() {
    // The suite runs as root, which reads any file, so the wording is checked on the exception
    // the JDK throws for EACCES.
    assertEquals(
        "permission denied", SourceText.reason(new AccessDeniedException("/x/deploy.yaml")));
    assertEquals(
        "a symbolic link loop",
        SourceText.reason(
            new FileSystemException("/x/a.yaml", null, "Too many levels of symbolic links")));
  }

  @Test
  void invalidUtf8IsAFindingForFmtAsForLint(@TempDir Path tmp) throws Exception {
    Path p = tmp.resolve("bad.lbc");
    byte[] bytes = {'d', 'e', (byte) 0xC3, (byte) 0x28, '\n'};
    Files.write(p, bytes);
    Cli.Run run = lbc("fmt", p.toString());
    assertEquals(1, run.exit(), run.err());
    assertTrue(run.err().contains("not valid UTF-8"), run.err());
    assertEquals(1, lbc("lint", p.toString()).exit());
    assertArrayEquals(bytes, Files.readAllBytes(p), "fmt leaves the file alone");
  }
}
