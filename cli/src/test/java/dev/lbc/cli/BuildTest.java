package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Golden;
import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * lbc build on every example: the output equals golden/build byte for byte, the DSL form builds the
 * same files, a second build is identical, nothing dangerous is emitted, and every haproxy.cfg
 * passes the real HAProxy's check ({@code haproxy -c} with the certificates installed where the
 * RUNBOOK puts them, see {@link InstalledHaproxy}). Bless: {@link Golden#BLESS_COMMAND}.
 */
class BuildTest {
  private static final List<String> FORBIDDEN =
      List.of("lua-load", "external-check", "insecure-fork-wanted", "setenv", "include");

  private static List<Path> examples() throws IOException {
    try (Stream<Path> s = Files.list(Repo.root().resolve("examples"))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static String name(Path example) {
    return example.getFileName().toString().replace(".yaml", "");
  }

  static Map<String, byte[]> build(Path example, Path out) throws IOException {
    Cli.Run run = Cli.lbc("build", example.toString(), "-o", out.toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    return read(out);
  }

  /** The output folder of a build, and how the build ended. */
  record TempBuild(Path root, Path source, Path out, Cli.Run run) {
    /** Deletes the folder now, for a property that builds thousands of them. */
    void delete() {
      Cli.deleteTree(root);
    }
  }

  /**
   * Builds {@code yaml} in a fresh folder two levels below a copy of examples/certs, so that a
   * certificate written {@code ../../examples/certs/exchange.pem} resolves.
   */
  static TempBuild buildInTemp(String yaml) throws IOException {
    return buildInTemp(yaml, "a/b/deployment.yaml");
  }

  /** The same with the deployment at {@code path} (two folders deep) below the temp folder. */
  static TempBuild buildInTemp(String yaml, String path) throws IOException {
    Path dir = Cli.tempDir("lbc-build");
    Path src = dir.resolve(path);
    Files.createDirectories(src.getParent());
    Files.writeString(src, yaml, StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("examples/certs"));
    Files.copy(
        Repo.root().resolve("examples/certs/exchange.pem"),
        dir.resolve("examples/certs/exchange.pem"));
    Path out = dir.resolve("build");
    return new TempBuild(dir, src, out, Cli.lbc("build", src.toString(), "-o", out.toString()));
  }

  static Map<String, byte[]> read(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        if (p.getFileName().toString().equals(".lbc-build")) {
          continue; // the build folder's marker: hashes of the files, not a file to review
        }
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return files;
  }

  @TestFactory
  Stream<DynamicTest> buildMatchesGolden(@TempDir Path tmp) throws IOException {
    return DynamicTest.stream(
        examples().stream(),
        BuildTest::name,
        example -> {
          Map<String, byte[]> built = build(example, tmp.resolve(name(example)));
          built.keySet().removeIf(k -> k.endsWith(".pem"));
          // The source is named as given: make it relative to the repository.
          String root = Repo.root().toString() + "/";
          Map<String, String> outputs = new TreeMap<>();
          built.forEach(
              (k, v) -> outputs.put(k, new String(v, StandardCharsets.UTF_8).replace(root, "")));
          Golden.checkFolder(
              Repo.root().resolve("golden/build").resolve(name(example)), outputs, f -> false);
        });
  }

  @Test
  void everyGoldenBuildHasItsExample() throws IOException {
    Path examples = Repo.root().resolve("examples");
    Golden.checkNoOrphans(
        Repo.root().resolve("golden/build"),
        golden -> Files.isRegularFile(examples.resolve(golden.getFileName() + ".yaml")));
  }

  /**
   * The RUNBOOK says what configure-exchange.ps1 does: it names receive connectors exactly where
   * the script creates one (transparent SMTP with lockdown ranges), not wherever mail flow has a
   * note (behind SNAT it says to leave the connectors alone).
   */
  @TestFactory
  Stream<DynamicTest> runbookNamesReceiveConnectorsOnlyWhereTheScriptMakesThem(@TempDir Path tmp)
      throws IOException {
    return DynamicTest.stream(
        examples().stream(),
        BuildTest::name,
        example -> {
          Map<String, byte[]> built = build(example, tmp.resolve(name(example)));
          String script =
              new String(built.get("exchange/configure-exchange.ps1"), StandardCharsets.UTF_8);
          String runbook = new String(built.get("RUNBOOK.md"), StandardCharsets.UTF_8);
          assertEquals(
              script.contains("New-ReceiveConnector"),
              runbook.contains("Autodiscover SCP, the relay receive connector)"),
              runbook);
        });
  }

  @TestFactory
  Stream<DynamicTest> dslFormBuildsTheSameFiles(@TempDir Path tmp) throws IOException {
    return DynamicTest.stream(
        examples().stream(),
        BuildTest::name,
        example -> {
          Path dsl = example.resolveSibling(name(example) + ".lbc");
          Map<String, byte[]> fromYaml = build(example, tmp.resolve("y-" + name(example)));
          Map<String, byte[]> fromDsl = build(dsl, tmp.resolve("d-" + name(example)));
          assertEquals(fromYaml.keySet(), fromDsl.keySet());
          for (String f : fromYaml.keySet()) {
            String a =
                new String(fromYaml.get(f), StandardCharsets.UTF_8)
                    .replace(name(example) + ".yaml", name(example) + ".SRC");
            String b =
                new String(fromDsl.get(f), StandardCharsets.UTF_8)
                    .replace(name(example) + ".lbc", name(example) + ".SRC");
            assertEquals(a, b, f);
          }
        });
  }

  @Test
  void buildIsDeterministicAndSafe(@TempDir Path tmp) throws IOException {
    for (Path example : examples()) {
      Map<String, byte[]> first = build(example, tmp.resolve("a"));
      Map<String, byte[]> second = build(example, tmp.resolve("a"));
      assertEquals(first.keySet(), second.keySet());
      for (String f : first.keySet()) {
        assertArrayEquals(first.get(f), second.get(f), f + " differs between two builds");
        if (f.endsWith(".pem")) {
          continue;
        }
        String text = new String(first.get(f), StandardCharsets.UTF_8);
        for (String word : FORBIDDEN) {
          assertFalse(text.contains(word), f + " contains " + word);
        }
      }
    }
  }

  @Test
  void failedBuildWritesNothing(@TempDir Path tmp) {
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.lbc(
            "build",
            Repo.root().resolve("golden/rules/lbc101-dr-port-translation/input.yaml").toString(),
            "-o",
            out.toString());
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("error[LBC101]"), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void weightZeroHaltsAMemberUnderUnweightedBalancingToo() throws IOException {
    String yaml =
        Files.readString(Repo.root().resolve("golden/rules/lbc109-near-miss-one-serves/input.yaml"))
            .replace("  - name: POP3\n", "  - name: POP3\n    balance: round-robin\n");
    TempBuild build = buildInTemp(yaml);
    assertEquals(0, build.run().exit(), build.run().err());
    String haproxy = Files.readString(build.out().resolve("appliances/lb1/haproxy.cfg"));
    assertTrue(haproxy.contains("    server MBOX1 192.168.30.20 weight 0 check"), haproxy);
    assertTrue(haproxy.contains("    server MBOX2 192.168.30.21 weight 1 check"), haproxy);
  }

  @Test
  void refusesToReplaceAFolderThatIsNoBuild(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("notes.txt"), "mine");
    Cli.Run run = Cli.lbc("build", examples().get(0).toString(), "-o", tmp.toString());
    assertEquals(2, run.exit());
    assertTrue(Files.exists(tmp.resolve("notes.txt")));
  }

  @TestFactory
  Stream<DynamicTest> haproxyAcceptsEveryConfig(@TempDir Path tmp) throws IOException {
    return DynamicTest.stream(
        examples().stream(),
        BuildTest::name,
        example -> {
          Path out = tmp.resolve(name(example));
          build(example, out);
          try (Stream<Path> s = Files.list(out.resolve("appliances"))) {
            for (Path appliance : s.sorted().toList()) {
              Netns.Result check = InstalledHaproxy.check(appliance);
              String log = check.out();
              assertEquals(0, check.exit(), appliance + ": " + log);
              assertFalse(log.contains("WARNING") || log.contains("ALERT"), appliance + ": " + log);
            }
          }
        });
  }

  @Test
  void topologyIsWellFormedSvg(@TempDir Path tmp) throws Exception {
    for (Path example : examples()) {
      Path out = tmp.resolve(name(example));
      build(example, out);
      var doc =
          javax.xml.parsers.DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(out.resolve("topology.svg").toFile());
      assertEquals("svg", doc.getDocumentElement().getTagName());
      assertTrue(doc.getElementsByTagName("text").getLength() > 5, name(example));
    }
  }
}
