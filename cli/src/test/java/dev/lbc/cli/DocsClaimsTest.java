package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.spi.Rules;
import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the README and the help say about lbc is what lbc does today. */
class DocsClaimsTest {
  private static final String BUILT = "examples/exchange2016-layer7-ssl-offload.yaml";

  private static String readme() throws IOException {
    return Files.readString(Repo.root().resolve("README.md"), StandardCharsets.UTF_8);
  }

  /**
   * The one bless command (CONTRIBUTING.md, golden/README.md) names every test that writes golden
   * files, and both documents give the same command: a test left out keeps its goldens stale.
   */
  private static final Pattern GOLDEN_CALL = Pattern.compile("Golden\\.check\\w*\\(");

  @Test
  void theBlessCommandCoversEveryGoldenTestAndIsTheSameEverywhere() throws IOException {
    Pattern bless = Pattern.compile("-Dlbc\\.bless=true -Dtest='([^']*)'");
    TreeSet<String> named = null;
    for (String doc : List.of("CONTRIBUTING.md", "golden/README.md")) {
      Matcher m = bless.matcher(Files.readString(Repo.root().resolve(doc)));
      assertTrue(m.find(), doc + " gives no bless command");
      TreeSet<String> here = new TreeSet<>(List.of(m.group(1).split(",")));
      if (named != null) {
        assertEquals(named, here, doc + " names other tests than CONTRIBUTING.md");
      }
      named = here;
    }
    TreeSet<String> writers = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Repo.root().resolve("cli/src/test/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith("Test.java")).toList()) {
        if (GOLDEN_CALL.matcher(Files.readString(f)).find()) {
          writers.add(f.getFileName().toString().replace(".java", ""));
        }
      }
    }
    writers.removeAll(named);
    assertEquals(new TreeSet<String>(), writers, "the bless command misses these");
  }

  @Test
  void readmeBuildTreeIsWhatBuildWrites(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("build");
    Cli.Run run = Cli.lbc("build", Repo.root().resolve(BUILT).toString(), "-o", out.toString());
    assertEquals(0, run.exit(), run.err());
    TreeSet<String> built = new TreeSet<>();
    try (Stream<Path> files = Files.walk(out)) {
      files
          .filter(Files::isRegularFile)
          .map(f -> out.relativize(f).toString())
          .filter(f -> !f.equals(".lbc-build"))
          .forEach(built::add);
    }
    assertEquals(built, readmeTree(), "the README's build tree for " + BUILT);
  }

  /** The block after the README's build command: one path a line; lb2/... repeats lb1's files. */
  private static TreeSet<String> readmeTree() throws IOException {
    String readme = readme();
    int command = readme.indexOf("./lbc build " + BUILT + " -o build/");
    assertTrue(command >= 0, "the README shows the build of " + BUILT);
    int start = readme.indexOf("```\nbuild/\n", command);
    String block = readme.substring(start + 11, readme.indexOf("```", start + 4));
    TreeSet<String> listed = new TreeSet<>();
    List<String> primary = new ArrayList<>();
    for (String line : block.split("\n")) {
      String path = line.strip().split("\\s+")[0];
      if (path.equals("appliances/lb2/...")) {
        primary.forEach(p -> listed.add(p.replace("appliances/lb1/", "appliances/lb2/")));
      } else if (!path.isEmpty()) {
        listed.add(path);
        if (path.startsWith("appliances/lb1/")) {
          primary.add(path);
        }
      }
    }
    return listed;
  }

  @Test
  void readmeCountsTheRulesThereAre() throws IOException {
    int rules = Rules.load().descriptors().size();
    Matcher m = Pattern.compile("(\\d+) rules").matcher(readme());
    while (m.find()) {
      assertEquals(rules, Integer.parseInt(m.group(1)), "README: " + m.group());
    }
  }

  @Test
  void runHelpNamesBothEngines() {
    Cli.Run run = Cli.lbc("run", "--help");
    assertEquals(0, run.exit());
    String description = run.out().substring(0, run.out().indexOf("FILE "));
    assertTrue(description.contains("HAProxy"), description);
    assertFalse(run.out().contains("not available"), run.out());
  }

  @Test
  void noFileCitesTheContractFromOutsideTheRepository() throws IOException {
    String outside = "DESIGN" + ".md";
    List<String> citing = new ArrayList<>();
    for (Path f : sources()) {
      try {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (text.contains(outside) || text.contains("(DESIGN" + ":")) {
          citing.add(Repo.root().relativize(f).toString());
        }
      } catch (CharacterCodingException binary) {
        // an image or a certificate in DER: no prose in it
      }
    }
    assertEquals(List.of(), citing, "cite docs/contract.md instead of " + outside);
  }

  /** The repository's own files: not what builds, installs or version control put beside them. */
  private static List<Path> sources() throws IOException {
    List<String> skipped = List.of(".git", "node_modules", "target", ".tools", ".jqwik-database");
    try (Stream<Path> files = Files.walk(Repo.root())) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f -> {
                for (Path part : Repo.root().relativize(f)) {
                  if (skipped.contains(part.toString())) {
                    return false;
                  }
                }
                return true;
              })
          .toList();
    }
  }
}
