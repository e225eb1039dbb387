package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./lbc starts lint from its class-data archive, picocli included: picocli is compiled for Java 5,
 * and a dynamic archive (-XX:ArchiveClassesAtExit) refuses such classes and every class that
 * implements one of their interfaces, so lint parsed and verified them from the jar on every run. A
 * checkout is copied with the packaged jar (no sources, so ./lbc does not rebuild), and the
 * class-load log of a lint says where each class came from. Runs after packaging (cli/pom.xml).
 */
class CheckoutArchiveTest {
  private static final String EXAMPLE = "examples/exchange2016-layer7-ssl-offload.yaml";

  /** Where the one lint of {@link #EXAMPLE} that most tests read runs. */
  @TempDir static Path shared;

  private static List<String> exampleLog;

  @Test
  void lintLoadsPicocliAndItsOwnClassesFromTheArchive() throws Exception {
    List<String> fromJar =
        classesLoadedByLint().stream()
            .filter(l -> l.contains(" source: file:") || l.contains(" source: jar:"))
            .filter(l -> l.matches(".* (picocli|dev\\.lbc)\\..*"))
            .toList();
    assertEquals(
        List.of(),
        fromJar,
        "lint read these classes from the jar, not from the archive:\n"
            + fromJar.stream().collect(Collectors.joining("\n")));
  }

  /**
   * Machinery whose first use costs a cold lint milliseconds, for output lint never prints: the
   * Formatter (locale data for String.format) and the bootstrap of a record's generated equals and
   * hashCode (method handles spun at first call); hot value records write theirs out.
   */
  @Test
  void lintStartsNeitherTheFormatterNorRecordMethodBootstraps() throws Exception {
    assertLintLoadsNone("java\\.util\\.Formatter|java\\.lang\\.runtime\\.ObjectMethods");
  }

  /**
   * picocli's model of {@code lbc} and {@code lbc lint} is built in code: reading it from
   * annotations parsed them, made a proxy class for each annotation type (which no JDK 17 archive
   * holds) and wrapped every annotated field, about a third of lint's main thread.
   */
  @Test
  void lintReadsNoPicocliAnnotations() throws Exception {
    assertLintLoadsNone("\\S*\\$Proxy\\d+|picocli\\.CommandLine\\$Model\\$TypedMember");
  }

  /**
   * A lint of a file runs without picocli (QuickLint): its first use (model, parser, class
   * initialisation) was about a quarter of a cold lint's main thread, for a line of a few words.
   */
  @Test
  void lintOfAFileRunsWithoutPicocli() throws Exception {
    assertLintLoadsNone("picocli\\.CommandLine|picocli\\.CommandLine\\$Model\\$CommandSpec");
  }

  /**
   * The YAML reader walks SnakeYAML's events: Jackson's parser over them resolved every plain
   * scalar against YAML 1.1's patterns, and its classes were about 90 of a lint's.
   */
  @Test
  void lintReadsYamlWithoutJackson() throws Exception {
    assertLintLoadsNone("com\\.fasterxml\\.jackson\\.\\S+");
  }

  /**
   * The certificate read's warm-up lets the JDK ask for its security-event logger itself, which
   * leaves java.util.logging unstarted: asked for by lbc, the logger started its LogManager (about
   * 6 ms of CPU and 50 classes) for a logger nothing writes to.
   */
  @Test
  void lintStartsNoJavaUtilLogging() throws Exception {
    assertLintLoadsNone("java\\.util\\.logging\\.\\S+");
  }

  /**
   * The rule settings' per-input function and the run's staging link no call site: each one a lint
   * links costs its main thread 0.2 to 2 ms even with the lambda's class in the archive
   * (docs/performance.md, "Cold lint", round 7).
   */
  @Test
  void lintLinksNoLambdaForItsSettingsOrStaging() throws Exception {
    assertLintLoadsNone(
        "dev\\.lbc\\.(cli\\.RuleOptions|compiler\\.pipeline\\.Compiler)\\$\\$Lambda\\S*");
  }

  /** A lint of {@link #EXAMPLE} loads no class whose whole name matches {@code classes}. */
  private static void assertLintLoadsNone(String classes) throws Exception {
    assertLoadsNone(classesLoadedByLint(), classes);
  }

  private static void assertLoadsNone(List<String> log, String classes) {
    List<String> loaded = log.stream().filter(l -> l.matches(".* (" + classes + ") .*")).toList();
    assertEquals(List.of(), loaded, "lint loaded:\n" + String.join("\n", loaded));
  }

  /**
   * Lint validates with the schema as generated builder calls (PreparedSchema): everit's loader,
   * which built it from the JSON, cost about 40 ms of CPU on every lint. (Validation itself uses
   * one class of the loader's package, OrgJsonUtil.)
   */
  @Test
  void lintDoesNotLoadTheSchemaFromItsJson() throws Exception {
    assertLintLoadsNone("org\\.everit\\.json\\.schema\\.loader\\.(?!OrgJsonUtil )\\S+");
  }

  /**
   * Nor does lint parse the schema's JSON for the model builder's key lists (Shape): org.json's
   * tokenizer read the 43 KB file on the main thread, about 4 ms and C1 work for its loops, for
   * what the prepared schema already holds.
   */
  @Test
  void lintParsesNoJsonText() throws Exception {
    assertLintLoadsNone("org\\.json\\.JSONTokener");
  }

  /**
   * The format checks are a switch, not a map of fifteen lambdas each linked on the first lint of a
   * run (about 0.1 ms apiece, cold).
   */
  @Test
  void lintLinksNoLambdaForTheFormatChecks() throws Exception {
    assertLintLoadsNone("dev\\.lbc\\.compiler\\.value\\.Formats\\$\\$Lambda\\S*");
  }

  /**
   * Diagnostics and spans sort with written-out comparators, not chains of lambdas linked (the
   * JDK's part spun at run time) on every cold lint; so do the rules, suppressions and text marks:
   * the lambda inside Comparator.comparing or comparingInt is never in the archive.
   */
  @Test
  void lintSortsWithoutComparatorLambdas() throws Exception {
    assertLintLoadsNone(
        "(dev\\.lbc\\.compiler\\.(source\\.Span|diag\\.Diagnostic)|java\\.util\\.Comparator)"
            + "\\$\\$Lambda\\S*");
  }

  /**
   * Address parsing checks digits with a loop: lint's path streamed the chars of each octet of
   * every address ({@code String.chars()}), its pipeline and lambdas linked on each cold lint.
   * (everit's array validation builds an IntStream of its own, so the check is on chars().)
   */
  @Test
  void lintStreamsNoStringChars() throws Exception {
    assertLintLoadsNone("java\\.lang\\.StringLatin1\\$CharsSpliterator");
  }

  /**
   * The DSL is lexed by hand ({@code DslLexer}): the generated lexer deserialised its ATN and
   * simulated it, every keyword against {@code WORD} character by character, on each cold lint of a
   * DSL file.
   */
  @Test
  void lintOfTheDslRunsNoGeneratedLexer(@TempDir Path tmp) throws Exception {
    assertLoadsNone(
        classesLoadedByLint(tmp, "examples/exchange2016-layer7-ssl-offload.lbc"),
        "dev\\.lbc\\.grammar\\.LbcLexer|\\S*\\.LexerATN\\S*");
  }

  /** The class-load log of a lint of {@link #EXAMPLE}, run once for every test that reads it. */
  private static synchronized List<String> classesLoadedByLint() throws Exception {
    if (exampleLog == null) {
      exampleLog = classesLoadedByLint(shared, EXAMPLE);
    }
    return exampleLog;
  }

  /**
   * A lint that finds errors, as a pull request's often does, runs from the archive too: ./lbc
   * trains it on the golden diagnostics as well as the examples. Before, their paths (the schema's
   * error reporting, its lambdas and streams) were read from the jar and spun on every such lint.
   */
  @Test
  void lintThatFindsErrorsReadsLbcFromTheArchive(@TempDir Path tmp) throws Exception {
    List<String> notArchived =
        classesLoadedByLint(tmp, "golden/diagnostics/yaml-bad-cidr/input.yaml", Main.FINDINGS)
            .stream()
            .filter(l -> l.matches(".* (dev\\.lbc|org\\.everit)\\..*"))
            .filter(l -> !l.contains(" source: shared objects file"))
            .toList();
    assertEquals(List.of(), notArchived, "lint loaded:\n" + String.join("\n", notArchived));
  }

  private static List<String> classesLoadedByLint(Path tmp, String example) throws Exception {
    return classesLoadedByLint(tmp, example, Main.OK);
  }

  /**
   * The class-load log of the second lint of {@code example} in a fresh copy of the checkout (the
   * jar, ./lbc, the examples and the golden diagnostics), which exits with {@code exit}.
   */
  private static List<String> classesLoadedByLint(Path tmp, String example, int exit)
      throws Exception {
    return logOfSecondLint(tmp, example, exit, "class+load");
  }

  /**
   * The archive's heap objects (the JDK's module graph among them) are mapped only by G1 on JDK 17;
   * with the serial collector every lint built the module graph again, some 20 ms.
   */
  @Test
  void lintMapsTheModuleGraphFromTheArchive(@TempDir Path tmp) throws Exception {
    List<String> cds = logOfSecondLint(tmp, EXAMPLE, 0, "cds");
    assertTrue(
        cds.stream().anyMatch(l -> l.endsWith("full module graph: enabled")),
        "lint built the module graph instead of mapping it:\n" + String.join("\n", cds));
  }

  /** The JVM log of {@code tags} of the second lint, as {@link #classesLoadedByLint} runs it. */
  private static List<String> logOfSecondLint(Path tmp, String example, int exit, String tags)
      throws Exception {
    Path root = Repo.root();
    Path jar = root.resolve("cli/target/lbc-all.jar");
    assertTrue(Files.isRegularFile(jar), "cli/target/lbc-all.jar is missing: run after package");
    Path checkout = tmp.resolve("checkout");
    Files.createDirectories(checkout.resolve("cli/target"));
    Files.copy(root.resolve("lbc"), checkout.resolve("lbc"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(jar, checkout.resolve("cli/target/lbc-all.jar"));
    copyTree(root.resolve("examples"), checkout.resolve("examples"));
    copyTree(root.resolve("golden/diagnostics"), checkout.resolve("golden/diagnostics"));

    // the first run makes the archive; the second is the one a user waits for
    assertEquals(exit, lint(checkout, example, List.of()), "first lint");
    Path log = tmp.resolve("jvm.log");
    assertEquals(
        exit, lint(checkout, example, List.of("JAVA_TOOL_OPTIONS=-Xlog:" + tags + ":file=" + log)));
    return Files.readAllLines(log, StandardCharsets.UTF_8);
  }

  private static int lint(Path checkout, String example, List<String> env) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "lbc", "lint", example)
            .directory(checkout.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    for (String e : env) {
      String[] kv = e.split("=", 2);
      pb.environment().put(kv[0], kv[1]);
    }
    Process p = pb.start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "lint timed out");
    return p.exitValue();
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
