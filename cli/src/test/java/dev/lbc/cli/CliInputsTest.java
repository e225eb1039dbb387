package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbc.testsupport.Repo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13 §3, inputs: what a folder search takes, --exclude, an input set with nothing in it, a
 * missing file among several, and standard input.
 */
class CliInputsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private String clean; // a deployment without findings

  private String dsl; // the same in the DSL

  /**
   * Both, with a directive that suppresses nothing at the end: with --report-unused-disables every
   * file linted says so (LBC010), and the report names it.
   */
  @BeforeEach
  void readClean() throws Exception {
    String marker = "\n# lbc-disable LBC202 only here to mark the file as linted\n";
    clean =
        Files.readString(Repo.root().resolve("examples/exchange2016-layer7-snat.yaml")) + marker;
    dsl = Files.readString(Repo.root().resolve("examples/exchange2016-layer7-snat.lbc")) + marker;
  }

  private Path write(String path, String text) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  /** The files {@code lbc lint ARGS} lints, sorted, relative to the folder. */
  private List<String> linted(String... args) throws Exception {
    List<String> all =
        new ArrayList<>(List.of("lint", "--format", "json", "--report-unused-disables"));
    all.addAll(List.of(args));
    Cli.Run run = Cli.lbc(all.toArray(String[]::new));
    JsonNode report = JSON.readTree(run.out());
    TreeSet<String> files = new TreeSet<>();
    report.get("diagnostics").forEach(d -> files.add(d.get("file").asText()));
    return files.stream().map(f -> f.replace(dir + "/", "")).toList();
  }

  @Test
  void aFolderYieldsOnlyLbcFiles() throws Exception {
    write("a.lbc", dsl);
    write("b.lbc.yaml", clean.replace("lbc: 1", "lbc: 1 ")); // named as lbc's
    write("c.yaml", "# site London\n---\n\n" + clean); // first key lbc: after a header
    write(".github/workflows/ci.yaml", "name: ci\non: push\n");
    write("compose.yml", "services:\n  web: {image: nginx}\n");
    write("k8s/deploy.yaml", "# lbc: 1 is only a comment here\napiVersion: v1\nkind: Pod\n");
    write("node_modules/pkg/x.lbc", "not a deployment {");
    write("target/classes/y.yaml", "lbc: 1\nbroken: [");
    write("vendor/z.lbc", "not a deployment {");
    write("build/site.yaml", clean); // a folder named build may hold deployments
    assertEquals(
        List.of("a.lbc", "b.lbc.yaml", "build/site.yaml", "c.yaml"), linted(dir.toString()));
  }

  /**
   * A long comment header (a licence, a change log) does not hide the first key: the search reads
   * up to the first content line, not a fixed number of bytes, and skips nothing it should lint.
   */
  @Test
  void aLongCommentHeaderDoesNotHideTheFirstKey() throws Exception {
    String header = "# change log: moved MBOX3 to the new rack, raised the check interval\n";
    write("site.yaml", header.repeat(200) + clean);
    write("k8s.yaml", header.repeat(200) + "apiVersion: v1\nkind: Pod\n");
    assertEquals(List.of("site.yaml"), linted(dir.toString()));
  }

  /**
   * A quoted glob is a search like a folder: {@code '**.yaml'} does not enter .git, .github or
   * node_modules (a shell's globstar does not enter hidden folders either), so a repository-wide
   * pattern does not lint a workflow or a package's YAML as a deployment.
   */
  @Test
  void aGlobSkipsHiddenAndToolFolders() throws Exception {
    write("site/a.yaml", clean);
    write(".github/workflows/ci.yaml", "lbc: 1\non: push\n");
    write("node_modules/pkg/x.yaml", "lbc: 1\nbroken: [\n");
    write("target/y.yaml", "lbc: 1\nbroken: [\n");
    assertEquals(List.of("site/a.yaml"), linted(dir + "/**.yaml"));
    // a hidden folder the pattern names itself is searched
    write(".deploy/b.yaml", clean);
    assertEquals(List.of(".deploy/b.yaml"), linted(dir + "/.deploy/*.yaml"));
  }

  @Test
  void aFileNamedOnTheCommandLineIsReadWhateverItsFirstKey() throws Exception {
    Path compose = write("compose.yml", "services:\n  web: {image: nginx}\n");
    Cli.Run run = Cli.lbc("lint", compose.toString());
    assertEquals(1, run.exit(), run.out());
    assertTrue(run.out().contains("compose.yml:"), run.out());
  }

  @Test
  void excludeSkipsNamesAtAnyDepthAndPathsFromTheFolder() throws Exception {
    write("site.yaml", clean);
    write("old/site.yaml", clean);
    write("eu/draft.yaml", clean);
    write("eu/site.yaml", clean);
    assertEquals(
        List.of("eu/site.yaml", "site.yaml"),
        linted("--exclude", "old/**", "--exclude", "draft.yaml", dir.toString()));
    assertEquals(List.of("site.yaml"), linted("--exclude", "old", "--exclude=eu", dir.toString()));
    // a quoted glob is a search too
    assertEquals(
        List.of("eu/site.yaml", "site.yaml"),
        linted("--exclude", "old/**", "--exclude", "draft.yaml", dir + "/**.yaml"));
  }

  /** A glob that does not parse is the user's typo (exit 2, named), not an internal error. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "--exclude | [",
        "--exclude | legacy/{a,",
        "input | [",
        "input | sites/*{a,",
      })
  void aMalformedGlobIsAUsageError(String where, String glob) throws Exception {
    write("site.yaml", clean);
    Cli.Run run =
        where.equals("input")
            ? Cli.lbc("lint", dir + "/" + glob)
            : Cli.lbc("lint", "--exclude", glob, dir.toString());
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains(glob + ": not a valid glob"), run.err());
    assertFalse(run.err().contains("internal error"), run.err());
  }

  /** A file named twice, or by two spellings of one path, is linted and reported once. */
  @Test
  void aFileNamedTwoWaysIsLintedOnce() throws Exception {
    Path bad = write("bad.yaml", clean.replace("mode: snat", "mode: snot"));
    Cli.Run run =
        Cli.lbc(
            "lint",
            "--format",
            "json",
            bad.toString(),
            bad.toAbsolutePath().toString(),
            dir.resolve(".").resolve("bad.yaml").toString(),
            dir.toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    Cli.Run once = Cli.lbc("lint", "--format", "json", bad.toString());
    assertEquals(1, JSON.readTree(run.out()).path("summary").path("files").asInt(), run.out());
    assertEquals(
        JSON.readTree(once.out()).path("diagnostics"),
        JSON.readTree(run.out()).path("diagnostics"));
  }

  /** --stdin-filename names standard input; without `-` it would be silently ignored. */
  @Test
  void stdinFilenameWithoutDashIsAUsageError() throws Exception {
    Path good = write("good.yaml", clean);
    Cli.Run run = Cli.lbc("lint", "--stdin-filename", "x.yaml", good.toString());
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains("--stdin-filename"), run.err());
  }

  /**
   * An empty argument is a script's unset variable ({@code lbc lint "$FILE"}), not the current
   * folder: linting whatever lies there would pass a CI job that checked nothing it meant to.
   */
  @Test
  void anEmptyFileNameIsAUsageError() throws Exception {
    Path good = write("good.yaml", clean);
    Cli.Run input = Cli.lbc("lint", "", good.toString());
    assertEquals(2, input.exit(), input.out() + input.err());
    assertTrue(input.err().contains("lbc: '': an empty file name"), input.err());
    assertTrue(input.out().contains("1 file checked"), "the others are linted: " + input.out());
    Cli.Run config = Cli.lbc("lint", "--config", "", good.toString());
    assertEquals(2, config.exit(), config.out() + config.err());
    assertTrue(config.err().contains("--config '': an empty file name"), config.err());
  }

  @Test
  void anInputSetWithNoDeploymentIsAUsageError() throws Exception {
    write("compose.yml", "services: {}\n");
    Cli.Run run = Cli.lbc("lint", dir.toString());
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains("no deployment file in this folder"), run.err());
    Cli.Run excluded = Cli.lbc("lint", "--exclude", "*.yml", dir.toString());
    assertEquals(2, excluded.exit(), excluded.out() + excluded.err());
  }

  @Test
  void aMissingFileIsReportedAndTheOthersAreStillLinted() throws Exception {
    Path good = write("good.yaml", clean);
    Path bad = write("bad.yaml", clean.replace("mode: snat", "mode: snot"));
    String missing = dir.resolve("missing.yaml").toString();
    Cli.Run text = Cli.lbc("lint", good.toString(), missing, bad.toString());
    assertEquals(2, text.exit(), text.out() + text.err());
    assertTrue(text.err().contains("lbc: " + missing + ": no such file"), text.err());
    assertTrue(text.out().contains("bad.yaml:"), "the file after it is linted: " + text.out());
    assertTrue(text.out().contains("2 files checked"), text.out());
    for (String format : new String[] {"json", "sarif", "junit", "github"}) {
      Cli.Run run = Cli.lbc("lint", "-f", format, good.toString(), missing, bad.toString());
      assertEquals(2, run.exit(), format + ": " + run.out() + run.err());
      assertTrue(run.out().contains("missing.yaml"), format + ": " + run.out());
      assertTrue(run.out().contains("bad.yaml"), format + ": " + run.out());
      assertTrue(run.err().contains("missing.yaml: no such file"), format + ": " + run.err());
    }
  }

  private static Cli.Run withStdin(String text, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    try {
      return Cli.lbc(args);
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void aDashReadsStandardInput() throws Exception {
    Cli.Run yaml = withStdin(clean, "lint", "-");
    assertEquals(0, yaml.exit(), yaml.out() + yaml.err());
    assertTrue(yaml.out().contains("1 file checked: no problems"), yaml.out());
    Cli.Run broken = withStdin(clean.replace("mode: snat", "mode: snot"), "lint", "-");
    assertEquals(1, broken.exit(), broken.out());
    assertTrue(broken.out().contains("<stdin>:"), "sniffed as YAML, located: " + broken.out());
    assertEquals(0, withStdin(dsl, "lint", "-").exit(), "sniffed as the DSL");
  }

  @Test
  void stdinFilenameNamesStandardInputAndChoosesItsSyntax() throws Exception {
    String broken = clean.replace("mode: snat", "mode: snot");
    Cli.Run run = withStdin(broken, "lint", "--stdin-filename", "sites/deploy.yaml", "-");
    assertEquals(1, run.exit(), run.out());
    assertTrue(run.out().contains("sites/deploy.yaml:"), run.out());
    assertFalse(run.out().contains("<stdin>"), run.out());
    // the name's extension decides: this YAML read as the DSL fails
    assertEquals(1, withStdin(clean, "lint", "--stdin-filename", "d.lbc", "-").exit());
  }

  @Test
  void standardInputIsBoundedLikeAFile() {
    String huge = "lbc: 1\n" + "#".repeat(2 * 1024 * 1024);
    Cli.Run run = withStdin(huge, "lint", "-");
    assertEquals(1, run.exit(), run.out());
    assertTrue(run.out().contains("LBC005"), run.out());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`lbc: 1\nname: x` | true",
        "`\uFEFF# header\n\n---\nlbc: 1` | true",
        "`%YAML 1.2\n---\n\"lbc\": 1` | true",
        "`  # indented comment\nlbc:   1` | true",
        "`name: x\nlbc: 1` | false",
        "`lbcx: 1` | false",
        "`# lbc: 1\napiVersion: v1` | false",
        "`` | false",
      })
  void theFirstKeyDecidesWhetherAYamlFileIsADeployment(String text, boolean expected) {
    assertEquals(expected, FirstKey.isLbc(text));
  }
}
