package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release (scripts/release.sh) on a machine with no Java and no Maven: unpacked into a fresh
 * folder, its bin/lbc lints and builds with a PATH that holds only a shell and the few coreutils
 * the launcher uses, and lint starts from the class-data archive without loading the build or run
 * classes. Runs after packaging (cli/pom.xml binds it to integration-test), as it needs the jar.
 */
class ReleaseTarballTest {
  private static final String EXAMPLE = "examples/exchange2016-layer7-snat.yaml";

  /** What bin/lbc runs, besides the bundled java; nothing else is on the test's PATH. */
  private static final List<String> TOOLS =
      List.of("sh", "dirname", "readlink", "mkdir", "mv", "rm");

  record Run(int code, String out, String err) {}

  @Test
  void theReleaseLintsAndBuildsWithNeitherJavaNorMavenOnThePath(@TempDir Path tmp)
      throws Exception {
    Path root = Repo.root();
    assertTrue(
        Files.isRegularFile(root.resolve("cli/target/lbc-all.jar")),
        "cli/target/lbc-all.jar is missing: this test runs after packaging (mvn verify)");
    Path dist = tmp.resolve("dist");
    Run release =
        run(
            List.of("bash", "scripts/release.sh", "--no-build", "--out", dist.toString()),
            System.getenv(),
            root);
    assertEquals(0, release.code(), release.err());
    Path tarball;
    try (Stream<Path> s = Files.list(dist)) {
      tarball = s.filter(p -> p.toString().endsWith("-linux-x64.tar.gz")).findFirst().orElseThrow();
    }
    Path opt = Files.createDirectories(tmp.resolve("opt"));
    assertEquals(
        0,
        run(List.of("tar", "-xzf", tarball.toString(), "-C", opt.toString()), System.getenv(), root)
            .code());
    String name = tarball.getFileName().toString().replace(".tar.gz", "");
    Path lbc = opt.resolve(name).resolve("bin/lbc");

    Map<String, String> env = new HashMap<>();
    env.put("PATH", pathWithOnly(tmp.resolve("path")).toString());
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    // the premise: neither java nor mvn can be found on this PATH
    assertNotEquals(
        0, run(List.of("sh", "-c", "command -v java || command -v mvn"), env, root).code());

    Run lint = run(List.of(lbc.toString(), "lint", EXAMPLE), env, root);
    assertEquals(0, lint.code(), lint.out() + lint.err());
    assertEquals("1 file checked: no problems\n", lint.out());

    Path build = tmp.resolve("build");
    Run built = run(List.of(lbc.toString(), "build", EXAMPLE, "-o", build.toString()), env, root);
    assertEquals(0, built.code(), built.out() + built.err());
    String cfg = "appliances/lb1/haproxy.cfg";
    assertEquals(
        Files.readString(root.resolve("golden/build/exchange2016-layer7-snat").resolve(cfg)),
        Files.readString(build.resolve(cfg)));

    // the archive is used: lint's own classes come from it, and lint loads no build or run classes
    Path log = tmp.resolve("classes.log");
    env.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + log);
    assertEquals(0, run(List.of(lbc.toString(), "lint", EXAMPLE), env, root).code());
    List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertTrue(
        loaded.stream()
            .anyMatch(l -> l.contains(" dev.lbc.cli.LintCommand source: shared objects")),
        "LintCommand was not loaded from the class-data archive:\n"
            + loaded.stream()
                .filter(l -> l.contains("dev.lbc.cli."))
                .collect(Collectors.joining("\n")));
    List<String> heavy =
        loaded.stream()
            .filter(
                l -> l.matches(".* (freemarker|io\\.netty|dev\\.lbc\\.(backends|runtime))\\..*"))
            .toList();
    assertEquals(List.of(), heavy, "lint loaded build or run classes");
  }

  /** A folder of links to {@link #TOOLS} only, found where Debian keeps them. */
  private static Path pathWithOnly(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String tool : TOOLS) {
      Path target =
          Stream.of("/usr/bin", "/bin")
              .map(d -> Path.of(d, tool))
              .filter(Files::isExecutable)
              .findFirst()
              .orElseThrow(() -> new IllegalStateException(tool + " not in /usr/bin or /bin"));
      Files.createSymbolicLink(dir.resolve(tool), target);
    }
    return dir;
  }

  private static Run run(List<String> command, Map<String, String> env, Path dir)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = Files.createTempFile("release-out", ".txt");
    Path err = Files.createTempFile("release-err", ".txt");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
