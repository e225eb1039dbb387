package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./lbc's first-run build, seen by a user: Maven is asked for a quiet batch build without colour
 * (package, which leaves ~/.m2 alone), and what it prints reaches the terminal without escape
 * sequences. A stand-in mvn prints like Debian's Maven 3.8, which writes ESC[0m resets even under
 * -B, and fails, so the test needs no real build.
 */
class LauncherScriptTest {
  @Test
  void theFirstRunBuildIsQuietBatchAndFreeOfEscapeCodes(@TempDir Path tmp) throws Exception {
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.copy(
        Repo.root().resolve("lbc"), checkout.resolve("lbc"), StandardCopyOption.COPY_ATTRIBUTES);
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path args = tmp.resolve("mvn-args");
    Path mvn = bin.resolve("mvn");
    Files.writeString(
        mvn,
        "#!/bin/sh\n"
            + "printf '%s\\n' \"$@\" >'"
            + args
            + "'\n"
            + "printf '\\033[0m\\033[0m\\033[1;31m[ERROR]\\033[m the build failed\\n'\n"
            + "exit 1\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

    ProcessBuilder pb =
        new ProcessBuilder("bash", checkout.resolve("lbc").toString(), "lint", "x.yaml")
            .directory(tmp.toFile())
            .redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.environment().remove("MAVEN_OPTS");
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String output =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

    // 3, not Maven's 1: a script reads 1 as "the deployment has errors" (docs/contract.md)
    assertEquals(3, p.exitValue(), "a failed build stops ./lbc as an internal error: " + output);
    assertEquals(
        "lbc: building the jar first (mvn -q -DskipTests package)...\n"
            + "[ERROR] the build failed\n"
            + "lbc: the build failed, so nothing was checked (exit 3)\n",
        output);
    assertFalse(output.contains("\u001b"));
    List<String> mavenArgs = Files.readAllLines(args);
    assertTrue(
        mavenArgs.containsAll(List.of("-B", "-q", "-Dstyle.color=never", "package")),
        mavenArgs.toString());
    assertFalse(mavenArgs.contains("install"), mavenArgs.toString());
  }

  /**
   * The jar is built again when a source went in after it, and only then: a file edited in place, a
   * file added or deleted (its folder changes), the build's pom. A stand-in mvn and java record
   * that they were called.
   */
  @Test
  void theJarIsBuiltAgainExactlyWhenASourceChangedAfterIt(@TempDir Path tmp) throws Exception {
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.copy(
        Repo.root().resolve("lbc"), checkout.resolve("lbc"), StandardCopyOption.COPY_ATTRIBUTES);
    Path source =
        Files.createDirectories(checkout.resolve("compiler/src/main/java/dev/lbc"))
            .resolve("A.java");
    Files.writeString(source, "class A {}");
    Path pom = checkout.resolve("runtime/pom.xml");
    Files.createDirectories(pom.getParent());
    Files.writeString(pom, "<project/>");
    Path test =
        Files.createDirectories(checkout.resolve("compiler/src/test/java")).resolve("T.java");
    Files.writeString(test, "class T {}");
    Path jar = Files.createDirectories(checkout.resolve("cli/target")).resolve("lbc-all.jar");
    Files.writeString(jar, "jar");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path calls = tmp.resolve("calls");
    for (String tool : List.of("mvn", "java")) {
      Path stub = bin.resolve(tool);
      Files.writeString(stub, "#!/bin/sh\necho " + tool + " >>'" + calls + "'\nexit 0\n");
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    FileTime built = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    FileTime before = FileTime.fromMillis(built.toMillis() - 60_000);
    FileTime after = FileTime.fromMillis(built.toMillis() + 30_000);
    List<Path> everything;
    try (var walk = Files.walk(checkout)) {
      everything = walk.toList();
    }
    for (Path p : everything) {
      Files.setLastModifiedTime(p, before);
    }
    Files.setLastModifiedTime(jar, built);

    assertEquals(List.of(), builds(checkout, bin, calls), "nothing changed after the jar");
    Files.setLastModifiedTime(test, after);
    assertEquals(List.of(), builds(checkout, bin, calls), "a test is not in the jar");
    Files.setLastModifiedTime(source, after);
    assertEquals(List.of("mvn"), builds(checkout, bin, calls), "a source edited in place");
    Files.setLastModifiedTime(source, before);
    Files.delete(source); // its folder's time is now
    assertEquals(List.of("mvn"), builds(checkout, bin, calls), "a source deleted");
    Files.setLastModifiedTime(source.getParent(), before);
    Files.setLastModifiedTime(pom, after);
    assertEquals(List.of("mvn"), builds(checkout, bin, calls), "a module's pom");
  }

  /** Runs ./lbc lint once; the builds it started (the stand-in java's calls left out). */
  private static List<String> builds(Path checkout, Path bin, Path calls) throws Exception {
    Files.deleteIfExists(calls);
    ProcessBuilder pb =
        new ProcessBuilder("bash", checkout.resolve("lbc").toString(), "lint", "x.yaml")
            .directory(checkout.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    if (!Files.exists(calls)) {
      return List.of();
    }
    return Files.readAllLines(calls).stream().filter(c -> !c.equals("java")).toList();
  }
}
