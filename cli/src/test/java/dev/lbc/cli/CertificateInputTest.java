package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate file lbc cannot use is a located finding (LBC113, exit 1) at its {@code pem:},
 * {@code pfx:} or {@code password:} value, the same in {@code lbc lint} and {@code lbc build}:
 * never a stack trace, never the unlocated usage error (exit 2) the build used to give.
 */
class CertificateInputTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  /** Line 9 holds the certificate; nothing else in the deployment is wrong. */
  private static final String DEPLOYMENT =
      """
      lbc: 1
      name: certificate-input
      exchange: 2016
      appliances:
        primary: { hostname: lb1, address: 192.168.30.5/24 }
        secondary: { hostname: lb2, address: 192.168.30.6/24 }
        admin-password: ${env:LB_ADMIN_PASSWORD}
      certificates:
        - { name: ExchangeCert, %s }
      servers:
        - { name: MBOX1, address: 192.168.30.20 }
      services:
        - name: MBOX-HTTPS
          vip: 192.168.30.10
          ports: [443]
          mode: snat
          protocol: http
          ssl: { offload: ExchangeCert, reencrypt: true }
          health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
          real-servers: [{ server: MBOX1, port: 443 }]
      """;

  private static Path deployment(Path dir, String certificate) throws Exception {
    Path file = dir.resolve("deployment.yaml");
    Files.writeString(file, DEPLOYMENT.formatted(certificate));
    return file;
  }

  private static Path copy(Path dir, String testCertificate) throws Exception {
    return Files.copy(
        Repo.root().resolve("golden/certs/" + testCertificate), dir.resolve(testCertificate));
  }

  /** Lint and build both report LBC113 at line 9, column {@code column}, saying {@code what}. */
  private static void locatedInLintAndBuild(Path file, int column, String what) {
    String at = file + ":9:" + column + ": error[LBC113]: certificate ExchangeCert: ";
    Cli.Run lint =
        assertTimeoutPreemptively(
            BOUND, () -> Cli.lbc("lint", "--now", Lbc.NOW.toString(), file.toString()));
    Path out = file.resolveSibling("out");
    Cli.Run build =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                Cli.lbc(
                    "build", "--now", Lbc.NOW.toString(), file.toString(), "-o", out.toString()));
    for (Cli.Run run : new Cli.Run[] {lint, build}) {
      String all = run.out() + run.err();
      assertEquals(1, run.exit(), all);
      assertTrue(all.contains(at), "expected `" + at + "` in:\n" + all);
      assertTrue(all.contains(what), "expected `" + what + "` in:\n" + all);
      assertFalse(all.contains("Exception") || all.contains("internal error"), all);
    }
    assertFalse(Files.exists(out), "a refused build writes nothing");
  }

  @Test
  void aWrongPfxPasswordIsLocatedAtThePfx(@TempDir Path tmp) throws Exception {
    copy(tmp, "good.pfx");
    Path file = deployment(tmp, "pfx: good.pfx, password: \"not-the-password\"");
    locatedInLintAndBuild(file, 32, "good.pfx cannot be opened with this password");
  }

  @Test
  void anUnsetPasswordVariableIsLocatedAtThePassword(@TempDir Path tmp) throws Exception {
    copy(tmp, "good.pfx");
    Path file =
        deployment(tmp, "pfx: good.pfx, password: \"${env:LBC_TEST_SURELY_UNSET_PASSWORD}\"");
    locatedInLintAndBuild(
        file, 52, "the environment variable LBC_TEST_SURELY_UNSET_PASSWORD is not set");
  }

  @Test
  void aPemWithTwoUnrelatedKeysIsLocated(@TempDir Path tmp) throws Exception {
    copy(tmp, "two-keys.pem");
    locatedInLintAndBuild(
        deployment(tmp, "pem: two-keys.pem"), 32, "two-keys.pem holds 2 private keys");
  }

  @Test
  void aDerFileIsLocated(@TempDir Path tmp) throws Exception {
    copy(tmp, "good.der");
    locatedInLintAndBuild(deployment(tmp, "pem: good.der"), 32, "good.der is DER, not PEM");
  }

  @Test
  void aDirectoryIsLocated(@TempDir Path tmp) throws Exception {
    Files.createDirectory(tmp.resolve("dir.pem"));
    locatedInLintAndBuild(deployment(tmp, "pem: dir.pem"), 32, "dir.pem: a directory, not a file");
  }

  @Test
  void aFiftyMegabyteFileIsLocatedAndNotReadWhole(@TempDir Path tmp) throws Exception {
    try (RandomAccessFile big = new RandomAccessFile(tmp.resolve("big.pem").toFile(), "rw")) {
      big.setLength(50L * 1024 * 1024);
    }
    locatedInLintAndBuild(
        deployment(tmp, "pem: big.pem"), 32, "big.pem is larger than 1 MiB (52428800 bytes)");
  }

  @Test
  void aMissingFileOrAFifoIsLocated(@TempDir Path tmp) throws Exception {
    locatedInLintAndBuild(
        deployment(tmp, "pem: gone.pem"), 32, "gone.pem: no such file or directory");
    Process mk =
        new ProcessBuilder("mkfifo", tmp.resolve("pipe.pem").toString()).inheritIO().start();
    assertEquals(0, mk.waitFor());
    locatedInLintAndBuild(
        deployment(tmp, "pem: pipe.pem"), 32, "pipe.pem: not a regular file (a FIFO)");
  }

  @Test
  void aSuppressedFindingStillStopsTheBuildAtTheFile(@TempDir Path tmp) throws Exception {
    Path file = deployment(tmp, "pem: gone.pem");
    Files.writeString(
        file, "# lbc-disable LBC113 the build's own refusal is tested\n" + Files.readString(file));
    Path out = tmp.resolve("out");
    Cli.Run build =
        assertTimeoutPreemptively(
            BOUND, () -> Cli.lbc("build", file.toString(), "-o", out.toString()));
    // HAProxy could not load it either: the build refuses, still at the file's value
    assertEquals(2, build.exit(), build.out() + build.err());
    String at = file + ":10:32: certificate ExchangeCert: gone.pem: no such file or directory";
    assertTrue(build.err().contains(at), "expected `" + at + "` in:\n" + build.err());
    assertFalse(build.err().contains("Exception"), build.err());
    assertFalse(Files.exists(out));
  }
}
