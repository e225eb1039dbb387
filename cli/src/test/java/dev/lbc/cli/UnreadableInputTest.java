package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.source.SourceText;
import dev.lbc.testsupport.Repo;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input that cannot be read is a usage error (exit 2) with a message that says what is wrong and
 * where: a FIFO or a device is not a regular file (and is never opened, so lbc cannot block on it),
 * a directory is a directory, a symbolic link loop is a loop, and a certificate too large to be one
 * says so at its {@code pem:} line.
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

  private static Path offload(Path dir, String pemLine) throws Exception {
    Path file = dir.resolve("offload.yaml");
    Files.writeString(
        file,
        Files.readString(Repo.root().resolve("examples/exchange2016-layer7-ssl-offload.yaml"))
            .replace("pem: certs/exchange.pem", pemLine));
    return file;
  }

  /** The line of the certificate's {@code pem:} in {@code file}, where the error must point. */
  private static int pemLine(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("pem: ")) {
        return i + 1;
      }
    }
    throw new AssertionError("no pem: in " + file);
  }

  @Test
  void aCertificateOverOneMebibyteIsTooLargeAtItsPemLine(@TempDir Path tmp) throws Exception {
    Path file = offload(tmp, "pem: big.pem");
    byte[] big = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'A');
    Files.write(tmp.resolve("big.pem"), big);
    assertUsage(
        lbc("build", file.toString(), "-o", tmp.resolve("out").toString()),
        file + ":" + pemLine(file) + ":",
        "certificate ExchangeCert",
        "big.pem is too large",
        "2097152 bytes",
        "at most 1 MiB");
  }

  @Test
  void aCertificateThatIsAFifoOrADirectoryOrMissingSaysWhich(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    Path file = offload(tmp, "pem: pipe.pem");
    fifo(tmp, "pipe.pem");
    assertUsage(
        lbc("build", file.toString(), "-o", out.toString()),
        file + ":" + pemLine(file) + ":",
        "pipe.pem: not a regular file (a FIFO)");
    Files.createDirectory(tmp.resolve("dir.pem"));
    Files.writeString(file, Files.readString(file).replace("pipe.pem", "dir.pem"));
    assertUsage(
        lbc("build", file.toString(), "-o", out.toString()), "dir.pem: a directory, not a file");
    Files.writeString(file, Files.readString(file).replace("dir.pem", "gone.pem"));
    assertUsage(
        lbc("build", file.toString(), "-o", out.toString()),
        file + ":" + pemLine(file) + ":",
        "gone.pem: no such file or directory",
        "relative to " + tmp);
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
