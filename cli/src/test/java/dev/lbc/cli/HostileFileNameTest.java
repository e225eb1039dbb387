package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment's file name is user text that no schema checks, and every generated file names it
 * in a comment. Whatever the name, the build succeeds and every file keeps the structure a build
 * from a plain name has: no comment ended early, no line a reader would split.
 */
class HostileFileNameTest {
  /** Names, each for what it exercises. */
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("backtick (Markdown code, PowerShell escape)", "a/b/with`backtick.yaml"),
          Map.entry("newline", "a/b/new\nline.yaml"),
          Map.entry("carriage return", "a/b/cr\rline.yaml"),
          Map.entry("HTML comment end", "a/b/x-->y <b>bold</b>.yaml"),
          Map.entry("C comment end", "a/b/x*/y.yaml"),
          Map.entry("PowerShell block comment end", "a/b/x#>y.yaml"),
          Map.entry("subexpression", "a/b/$(Remove-Item C).yaml"),
          Map.entry("cmd variable", "a/b/%PATH%.yaml"),
          Map.entry("quotes", "a/b/it's \"quoted\".yaml"),
          Map.entry("control byte", "a/b/bell\u0007.yaml"),
          Map.entry("line separator", "a/b/ls\u2028x.yaml"),
          Map.entry("not ASCII", "a/b/déploiement-überall.yaml"),
          Map.entry("keepalived directive", "a/b/x; include \u0000.yaml".replace("\u0000", "y")),
          Map.entry(
              "longer than keepalived's 1,023-byte read",
              ("d".repeat(200) + "/").repeat(6) + "include%20etc.yaml"));

  /** The injection template, reading its certificate by absolute path: names may hold '/'. */
  private static String deployment() {
    return InjectionProperties.inject("", "")
        .replace(
            "../../examples/certs/exchange.pem",
            Repo.root().resolve("examples/certs/exchange.pem").toString());
  }

  @TestFactory
  Stream<DynamicTest> everyBackendKeepsItsStructure() throws Exception {
    Map<String, Integer> baseline =
        InjectionProperties.count(BuildTest.buildInTemp(deployment(), "a/b/deployment.yaml"));
    assertNotNull(baseline);
    return DynamicTest.stream(
        NAMES.entrySet().stream().sorted(Map.Entry.comparingByKey()),
        Map.Entry::getKey,
        e -> {
          BuildTest.TempBuild build = BuildTest.buildInTemp(deployment(), e.getValue());
          assertEquals(0, build.run().exit(), build.run().err());
          assertEquals(baseline, InjectionProperties.count(build), e.getValue());
          for (var f : BuildTest.read(build.out()).entrySet()) {
            if (f.getKey().endsWith(".pem") || f.getKey().equals("plan.json")) {
              continue; // certificates, and JSON, which holds the path as data and has no lines
            }
            String text = new String(f.getValue(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
              assertTrue(
                  line.getBytes(StandardCharsets.UTF_8).length < 1023,
                  f.getKey() + " has a line a reader would split: " + line.length());
            }
            assertFalse(text.contains("\r"), f.getKey() + " has a carriage return");
          }
        });
  }

  @Test
  void aFileNameCannotForgeALineOfOutput(@TempDir Path tmp) {
    String name = tmp.resolve("x\n::error file=a.yaml::forged\n.yaml").toString();
    for (String[] args :
        List.of(
            new String[] {"build", name, "-o", tmp.resolve("out").toString()},
            new String[] {"lint", name},
            new String[] {"fmt", name})) {
      Cli.Run run = Cli.lbc(args);
      assertEquals(2, run.exit(), args[0] + ": " + run.err());
      assertEquals(1, run.err().lines().count(), args[0] + ": " + run.err());
      assertTrue(run.err().contains("x\\u000A::error"), run.err());
    }
  }

  @Test
  void aFileNameInADiagnosticCannotForgeALine(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("x\n::error file=a.yaml::forged\n.yaml");
    java.nio.file.Files.writeString(file, "lbc: 1\nname: x\nbogus: 1\n");
    Cli.Run run = Cli.lbc("lint", "--color", "never", file.toString());
    assertEquals(1, run.exit(), run.err());
    String all = run.out() + run.err();
    assertTrue(all.contains("x\\u000A::error"), all);
    assertTrue(all.lines().noneMatch(l -> l.startsWith("::")), all);
  }

  /**
   * A link out is one bad input among several, like a missing file: reported, and the other files
   * still linted. Otherwise a pull request that adds one link empties the report, and code scanning
   * closes every alert of the deployments beside it.
   */
  @Test
  void aLinkOutDoesNotStopTheOtherFilesFromBeingLinted(@TempDir Path tmp) throws Exception {
    Path secret = java.nio.file.Files.writeString(tmp.resolve("secret.txt"), "password: hunter2\n");
    Path pr = java.nio.file.Files.createDirectories(tmp.resolve("pr"));
    java.nio.file.Files.createSymbolicLink(pr.resolve("evil.yaml"), secret);
    java.nio.file.Files.copy(
        Repo.root().resolve("golden/diagnostics/yaml-duplicate-names/input.yaml"),
        pr.resolve("site.yaml"));
    for (String arg : List.of(pr.toString(), pr + "/*.yaml")) {
      Cli.Run run = Cli.lbc("lint", arg);
      assertEquals(2, run.exit(), run.out() + run.err());
      assertTrue(run.err().contains("evil.yaml: a symbolic link to a file outside"), run.err());
      assertTrue(run.out().contains("site.yaml:7:26: error[LBC004]"), arg + ": " + run.out());
      assertFalse((run.out() + run.err()).contains("hunter2"), run.out());
    }
  }

  @Test
  void aLinkOutOfALintedFolderIsNotFollowed(@TempDir Path tmp) throws Exception {
    Path secret = java.nio.file.Files.writeString(tmp.resolve("secret.txt"), "password: hunter2\n");
    Path pr = java.nio.file.Files.createDirectories(tmp.resolve("pr"));
    java.nio.file.Files.createSymbolicLink(pr.resolve("evil.yaml"), secret);
    for (String arg : List.of(pr.toString(), pr + "/*.yaml")) {
      Cli.Run run = Cli.lbc("lint", arg);
      assertEquals(2, run.exit(), run.out() + run.err());
      assertTrue(run.err().contains("symbolic link to a file outside"), run.err());
      assertFalse((run.out() + run.err()).contains("hunter2"), run.out());
    }
    // A link inside the folder is an ordinary input.
    java.nio.file.Files.delete(pr.resolve("evil.yaml"));
    java.nio.file.Files.copy(Repo.root().resolve("examples/lab.yaml"), pr.resolve("lab.txt"));
    java.nio.file.Files.createDirectories(pr.resolve("certs")); // the lab's certificate
    java.nio.file.Files.copy(
        Repo.root().resolve("examples/certs/lab.pem"), pr.resolve("certs/lab.pem"));
    java.nio.file.Files.createSymbolicLink(pr.resolve("lab.yaml"), pr.resolve("lab.txt"));
    assertEquals(0, Cli.lbc("lint", pr.toString()).exit());
  }
}
