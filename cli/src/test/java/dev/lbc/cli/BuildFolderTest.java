package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lbc build -o DIR} never deletes or overwrites what lbc did not write: it replaces a folder
 * only when the folder's marker proves lbc wrote every file in it, never touches the deployment or
 * the files it reads, keeps the folder's mode, and writes private keys owner-only.
 */
class BuildFolderTest {
  private static final String OFFLOAD = "examples/exchange2016-layer7-ssl-offload.yaml";

  /** A copy of the SSL offload example with its certificate, in {@code dir}. */
  private static Path deployment(Path dir) throws IOException {
    Path src = dir.resolve("deploy.yaml");
    String yaml = Files.readString(Repo.root().resolve(OFFLOAD));
    Files.writeString(src, yaml.replace("certs/exchange.pem", "exchange.pem"));
    Files.copy(Repo.root().resolve("examples/certs/exchange.pem"), dir.resolve("exchange.pem"));
    return src;
  }

  /** Builds {@code src} into {@code out}, which must succeed. */
  private static void buildOk(Path src, Path out) {
    Cli.Run run = Cli.lbc("build", src.toString(), "-o", out.toString());
    assertEquals(0, run.exit(), run.err());
  }

  private static Map<String, byte[]> snapshot(Path dir) throws IOException {
    return BuildTest.read(dir);
  }

  @Test
  void aFolderWithAPlanJsonButNoMarkerIsRefusedAndKeptWhole(@TempDir Path tmp) throws Exception {
    Path src = deployment(tmp);
    Files.writeString(tmp.resolve("plan.json"), "{}\n");
    Files.writeString(tmp.resolve("notes.txt"), "my own notes\n");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-x---"));
    Map<String, byte[]> before = snapshot(tmp);

    Cli.Run run = Cli.lbc("build", src.toString(), "-o", tmp.toString());

    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains(tmp.toString()), run.err());
    assertEquals(before.keySet(), snapshot(tmp).keySet());
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)));
  }

  @Test
  void theInputsOwnFolderIsRefusedEvenWhenItHoldsAnEarlierBuild(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Path src = deployment(out);
    // An lbc build elsewhere, its files copied here with the marker: the folder looks owned, but
    // the deployment and its certificate are in it.
    Path elsewhere = tmp.resolve("elsewhere");
    assertEquals(0, Cli.lbc("build", src.toString(), "-o", elsewhere.toString()).exit());
    Files.copy(elsewhere.resolve(".lbc-build"), out.resolve(".lbc-build"));
    String deploymentText = Files.readString(src);

    Cli.Run run = Cli.lbc("build", src.toString(), "-o", out.toString());

    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains("which the deployment reads"), run.err());
    assertEquals(deploymentText, Files.readString(src));
    assertTrue(Files.exists(out.resolve("exchange.pem")));
  }

  @Test
  void aFolderAboveTheInputIsRefused(@TempDir Path tmp) throws Exception {
    Path src = deployment(Files.createDirectories(tmp.resolve("site/deployments")));
    Cli.Run run = Cli.lbc("build", src.toString(), "-o", tmp.resolve("site").toString());
    assertEquals(2, run.exit(), run.err());
    assertTrue(Files.exists(src));
  }

  @Test
  void aCertificateInsideTheOutputFolderIsProtected(@TempDir Path tmp) throws Exception {
    Path src = deployment(tmp);
    Path out = tmp.resolve("build");
    buildOk(src, out);
    // The deployment now reads its certificate from inside the earlier build.
    Files.writeString(
        src,
        Files.readString(src)
            .replace("pem: exchange.pem", "pem: build/appliances/lb1/certs/ExchangeCert.pem"));
    Cli.Run run = Cli.lbc("build", src.toString(), "-o", out.toString());
    assertEquals(2, run.exit(), run.err() + run.out());
    assertTrue(run.err().contains("ExchangeCert.pem"), run.err());
    assertTrue(Files.exists(out.resolve("appliances/lb1/certs/ExchangeCert.pem")));
  }

  @Test
  void anEarlierBuildIsReplacedAndTheFolderKeepsItsMode(@TempDir Path tmp) throws Exception {
    Path src = deployment(tmp);
    Path out = Files.createDirectory(tmp.resolve("build"));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-x---"));
    buildOk(src, out);
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));

    // The secondary appliance goes away: its folder, which lbc wrote, goes with it.
    String yaml = Files.readString(src);
    Files.writeString(src, yaml.replaceAll("(?m)^  secondary:.*\\n", ""));
    Cli.Run run = Cli.lbc("build", src.toString(), "-o", out.toString());

    assertEquals(0, run.exit(), run.err());
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    assertFalse(Files.exists(out.resolve("appliances/lb2")), "lb2's files were lbc's own");
    assertTrue(Files.exists(out.resolve("appliances/lb1/haproxy.cfg")));
  }

  @Test
  void aFileAddedToAnEarlierBuildIsNeverDeleted(@TempDir Path tmp) throws Exception {
    Path src = deployment(tmp);
    Path out = tmp.resolve("build");
    buildOk(src, out);
    Files.writeString(out.resolve("appliances/lb1/local-notes.txt"), "mine\n");

    Cli.Run run = Cli.lbc("build", src.toString(), "-o", out.toString());

    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains("appliances/lb1/local-notes.txt"), run.err());
    assertEquals("mine\n", Files.readString(out.resolve("appliances/lb1/local-notes.txt")));
  }

  @Test
  void aGeneratedFileEditedByHandIsNotOverwritten(@TempDir Path tmp) throws Exception {
    Path src = deployment(tmp);
    Path out = tmp.resolve("build");
    buildOk(src, out);
    Path cfg = out.resolve("appliances/lb1/haproxy.cfg");
    Files.writeString(cfg, Files.readString(cfg) + "# a hand edit\n");

    Cli.Run run = Cli.lbc("build", src.toString(), "-o", out.toString());

    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains("was changed after lbc build wrote it"), run.err());
    assertTrue(Files.readString(cfg).endsWith("# a hand edit\n"));
  }

  @Test
  void aLinkPlacedInAnEarlierBuildIsRefused(@TempDir Path tmp) throws Exception {
    Path src = deployment(tmp);
    Path out = tmp.resolve("build");
    buildOk(src, out);
    Path precious = Files.writeString(tmp.resolve("precious.txt"), "keep\n");
    Files.createSymbolicLink(out.resolve("link"), precious);

    assertEquals(2, Cli.lbc("build", src.toString(), "-o", out.toString()).exit());
    assertEquals("keep\n", Files.readString(precious));
  }

  @Test
  void privateKeysAreOwnerOnlyAndNeverWiderThanTheirSource(@TempDir Path tmp) throws Exception {
    Path src = deployment(tmp);
    Path out = tmp.resolve("build");
    buildOk(src, out);
    Path pem = out.resolve("appliances/lb1/certs/ExchangeCert.pem");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pem)));
    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(out.resolve("appliances/lb1/haproxy.cfg"))),
        "configs keep the usual mode");

    Files.setPosixFilePermissions(
        tmp.resolve("exchange.pem"), PosixFilePermissions.fromString("r--------"));
    buildOk(src, out);
    assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pem)));
  }

  @Test
  void aBuildInterruptedWhileMovingFilesIsStillOwned(@TempDir Path tmp) throws Exception {
    Path src = deployment(tmp);
    Path out = tmp.resolve("build");
    buildOk(src, out);
    // The state a build killed half-way leaves: a staging folder named in the marker.
    Path marker = out.resolve(".lbc-build");
    String staging = ".lbc-build.staging-0f0e0d0c-1a2b-3c4d-5e6f-a1b2c3d4e5f6";
    Files.writeString(
        marker,
        Files.readString(marker)
            .replace("lbc-build 1\n", "lbc-build 1\nstaging " + staging + "\n"));
    Files.createDirectories(out.resolve(staging + "/appliances/lb1"));
    Files.writeString(out.resolve(staging + "/appliances/lb1/haproxy.cfg"), "half written");

    Cli.Run run = Cli.lbc("build", src.toString(), "-o", out.toString());

    assertEquals(0, run.exit(), run.err());
    try (Stream<Path> s = Files.list(out)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("staging")));
    }
  }

  @Test
  void aDamagedMarkerIsRefused(@TempDir Path tmp) throws Exception {
    Path src = deployment(tmp);
    Path out = tmp.resolve("build");
    buildOk(src, out);
    Files.writeString(out.resolve(".lbc-build"), "file ../../etc/passwd\n", StandardCharsets.UTF_8);
    Cli.Run run = Cli.lbc("build", src.toString(), "-o", out.toString());
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains("damaged"), run.err());
  }

  @Test
  void aLinkPlantedAsTheMarkersDraftIsNeverWrittenThrough(@TempDir Path tmp) throws Exception {
    Path src = deployment(tmp);
    Path out = tmp.resolve("build");
    buildOk(src, out);
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious\n");
    Files.createSymbolicLink(out.resolve(".lbc-build.tmp"), victim);

    Cli.Run run = Cli.lbc("build", src.toString(), "-o", out.toString());

    assertEquals(2, run.exit(), run.err());
    assertEquals("precious\n", Files.readString(victim));
  }

  @Test
  void aStagingLineInTheMarkerCannotClaimAFolderLbcDidNotWrite(@TempDir Path tmp) throws Exception {
    Path src = deployment(tmp);
    Path out = tmp.resolve("build");
    buildOk(src, out);
    Path marker = out.resolve(".lbc-build");
    String built = Files.readString(marker);
    for (String staging :
        List.of(
            ".lbc-build.staging-notes",
            ".lbc-build.staging-0f0e0d0c-1a2b-3c4d-5e6f-a1b2c3d4e5f6")) {
      Files.createDirectories(out.resolve(staging));
      Files.writeString(out.resolve(staging + "/important.txt"), "mine\n");
      Files.writeString(
          marker, built.replace("lbc-build 1\n", "lbc-build 1\nstaging " + staging + "\n"));

      Cli.Run run = Cli.lbc("build", src.toString(), "-o", out.toString());

      assertEquals(2, run.exit(), staging + ": " + run.err());
      assertEquals("mine\n", Files.readString(out.resolve(staging + "/important.txt")));
    }
  }

  @Test
  void outputThatCannotBeWrittenIsAUsageErrorNamingIt(@TempDir Path tmp) throws Exception {
    Path src = deployment(tmp);
    Path dangling = tmp.resolve("dangling");
    Files.createSymbolicLink(dangling, tmp.resolve("nowhere/at/all"));
    Cli.Run build = Cli.lbc("build", src.toString(), "-o", dangling.toString());
    assertEquals(2, build.exit(), build.err());
    assertTrue(build.err().contains(dangling.toString()), build.err());
    assertFalse(build.err().contains("internal error"), build.err());

    Path missing = tmp.resolve("no/such/folder/x.lbc");
    Cli.Run convert = Cli.lbc("convert", "--to", "dsl", src.toString(), "-o", missing.toString());
    assertEquals(2, convert.exit(), convert.err());
    assertTrue(convert.err().contains("no such file or directory"), convert.err());
  }
}
