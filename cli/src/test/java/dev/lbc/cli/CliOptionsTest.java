package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbc.compiler.render.Format;
import dev.lbc.testsupport.Repo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13 §3, options: build's --format, --format only where there are diagnostics, --color,
 * --config, and rules named by ID or name.
 */
class CliOptionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ESC = "\u001b[";

  @TempDir Path dir;
  private String warning; // a deployment with one LBC202 warning and no error
  private String error; // a deployment with one LBC101 error

  @BeforeEach
  void copyInputs() throws Exception {
    Path w = dir.resolve("least-connection.yaml");
    Files.copy(Repo.root().resolve("golden/rules/lbc202-least-connection/input.yaml"), w);
    warning = w.toString();
    Path e = dir.resolve("dr-port-translation.yaml");
    Files.copy(Repo.root().resolve("golden/rules/lbc101-dr-port-translation/input.yaml"), e);
    error = e.toString();
  }

  @Test
  void buildPrintsItsDiagnosticsInTheChosenFormat() throws Exception {
    Cli.Run run = Cli.lbc("build", warning, "-o", dir.resolve("out").toString(), "-f", "json");
    assertEquals(0, run.exit(), run.out() + run.err());
    JsonNode report = JSON.readTree(run.out()); // stdout is the report alone
    assertEquals("LBC202", report.get("diagnostics").get(0).get("code").asText(), run.out());
    assertTrue(run.err().contains("built "), run.err());

    Cli.Run refused = Cli.lbc("build", error, "-o", dir.resolve("o2").toString(), "-f", "sarif");
    assertEquals(1, refused.exit(), refused.out() + refused.err());
    JsonNode sarif = JSON.readTree(refused.out());
    assertEquals("2.1.0", sarif.get("version").asText());
    assertTrue(refused.out().contains("LBC101"), refused.out());
  }

  @Test
  void buildsTextDiagnosticsStayOnStandardError() {
    Cli.Run run = Cli.lbc("build", warning, "-o", dir.resolve("out").toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains("warning[LBC202]"), run.err());
    assertTrue(run.out().startsWith("built "), run.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"fmt", "convert", "init", "explain", "run"})
  void commandsWithoutDiagnosticsDoNotOfferFormat(String command) {
    Cli.Run help = Cli.lbc(command, "--help");
    assertFalse(help.out().contains("--format"), help.out());
    Cli.Run run = Cli.lbc(command, "--to", "dsl", "--format", "json", warning);
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(run.err().matches("(?s).*Unknown options?: .*'--format'.*"), run.err());
  }

  @Test
  void lintAndBuildOfferEveryFormat() {
    for (String command : new String[] {"lint", "build"}) {
      String help = Cli.lbc(command, "--help").out().replaceAll("\\s+", " ");
      for (Format f : Format.values()) {
        assertTrue(help.contains(f.name().toLowerCase(Locale.ROOT)), help);
      }
      assertTrue(help.contains("-f, --format=FORMAT How diagnostics are printed"), help);
    }
  }

  @Test
  void colorTakesAutoAlwaysOrNeverAttachedOrApart() {
    assertFalse(Cli.lbc("lint", "--color=never", warning).out().contains(ESC));
    assertFalse(Cli.lbc("lint", "--color", "never", warning).out().contains(ESC));
    assertTrue(Cli.lbc("lint", "--color=always", warning).out().contains(ESC));
    assertTrue(Cli.lbc("lint", "--color", "always", warning).out().contains(ESC));
    // bare --color still means always, before the file or after it
    assertTrue(Cli.lbc("lint", warning, "--color").out().contains(ESC));
    assertTrue(Cli.lbc("lint", "--color", "--quiet", error).out().contains(ESC));
    // auto: no terminal here, so no colour
    assertFalse(Cli.lbc("lint", "--color=auto", warning).out().contains(ESC));
    Cli.Run swallowed = Cli.lbc("lint", "--color", warning);
    assertEquals(2, swallowed.exit(), "a file name is never taken as the colour");
    assertTrue(swallowed.err().contains("auto, always or never"), swallowed.err());
  }

  /** {@code lbc ARGS} on a terminal (util-linux {@code script} gives it one), with {@code env}. */
  private static String onATerminal(Map<String, String> env, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        java
            + " -cp "
            + System.getProperty("java.class.path")
            + " dev.lbc.cli.Main "
            + String.join(" ", args);
    ProcessBuilder pb = new ProcessBuilder("script", "-qec", command, "/dev/null");
    pb.environment().remove("NO_COLOR");
    pb.environment().remove("TERM");
    pb.environment().putAll(env);
    Process p = pb.redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "lbc on a terminal did not end");
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void autoColoursATerminalUnlessNoColorIsSet() throws Exception {
    assertTrue(onATerminal(Map.of(), "lint", warning).contains(ESC), "a terminal is coloured");
    assertTrue(onATerminal(Map.of(), "lint", "--color=auto", warning).contains(ESC));
    assertFalse(onATerminal(Map.of("NO_COLOR", "1"), "lint", warning).contains(ESC));
    assertFalse(onATerminal(Map.of("TERM", "dumb"), "lint", warning).contains(ESC));
    assertFalse(onATerminal(Map.of(), "lint", "--color=never", warning).contains(ESC));
  }

  @Test
  void configNamesTheProjectFileForLintAndBuild() throws Exception {
    Path config = Files.writeString(dir.resolve("strict.yaml"), "severity:\n  LBC202: error\n");
    Cli.Run lint = Cli.lbc("lint", "--config", config.toString(), warning);
    assertEquals(1, lint.exit(), lint.out());
    assertTrue(lint.out().contains("error[LBC202]"), lint.out());
    Cli.Run build =
        Cli.lbc("build", "--config", config.toString(), warning, "-o", dir.resolve("o").toString());
    assertEquals(1, build.exit(), build.out() + build.err());
    // --config replaces the .lbc.yaml found beside the input
    Files.writeString(dir.resolve(".lbc.yaml"), "disable: [LBC202]\n");
    assertEquals(1, Cli.lbc("lint", "--config", config.toString(), warning).exit());
    assertEquals(0, Cli.lbc("lint", warning).exit());
  }

  @Test
  void aMissingConfigIsAUsageErrorThatNamesIt() {
    String missing = dir.resolve("nope.yaml").toString();
    String out = dir.resolve("out").toString();
    for (Cli.Run run :
        new Cli.Run[] {
          Cli.lbc("lint", "--config", missing, warning),
          Cli.lbc("build", "--config", missing, warning, "-o", out)
        }) {
      assertEquals(2, run.exit(), run.out() + run.err());
      assertTrue(run.err().contains("--config " + dir.resolve("nope.yaml")), run.err());
      assertTrue(run.err().contains("no such file"), run.err());
    }
  }

  /** A project file that is not UTF-8 says so, in words, not as a Java exception's name. */
  @Test
  void aConfigThatIsNotUtf8SaysSo() throws Exception {
    Path bad =
        Files.write(dir.resolve("latin1.yaml"), new byte[] {'d', 'i', (byte) 0xE9, ':', '\n'});
    Cli.Run run = Cli.lbc("lint", "--config", bad.toString(), warning);
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains("latin1.yaml: the file is not valid UTF-8 text"), run.err());
    assertFalse(run.err().contains("java."), run.err());
  }

  @Test
  void rulesAreNamedByIdOrNameInAnyCase() throws Exception {
    assertEquals(0, Cli.lbc("lint", "--disable", "dr-port-translation", error).exit());
    assertEquals(0, Cli.lbc("lint", "--disable", "lbc101", error).exit());
    Cli.Run raised = Cli.lbc("lint", "--severity", "Least-Connection=error", warning);
    assertEquals(1, raised.exit(), raised.out() + raised.err());
    assertTrue(raised.out().contains("error[LBC202]"), raised.out());
    Files.writeString(dir.resolve(".lbc.yaml"), "disable: [dr-port-translation]\n");
    assertEquals(0, Cli.lbc("lint", error).exit());
  }

  @Test
  void anUnknownRuleNameIsAUsageErrorWithASuggestion() throws Exception {
    Cli.Run run = Cli.lbc("lint", "--disable", "dr-port-translaton", error);
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains("did you mean dr-port-translation?"), run.err());
    Files.writeString(dir.resolve(".lbc.yaml"), "severity:\n  least-conection: error\n");
    Cli.Run file = Cli.lbc("lint", warning);
    assertEquals(2, file.exit(), file.out() + file.err());
    assertTrue(file.err().contains(".lbc.yaml"), file.err());
    assertTrue(file.err().contains("did you mean least-connection?"), file.err());
  }

  @Test
  void fmtCheckPrintsTheDiffItWouldApply() throws Exception {
    Path messy =
        Files.writeString(
            dir.resolve("messy.lbc"),
            "deployment d exchange 2016 {\nserver   MBOX1 192.168.30.20\n}\n");
    Cli.Run run = Cli.lbc("fmt", "--check", messy.toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    // an absolute path as git writes it: a/tmp/..., not a//tmp/...
    String rel = messy.toString().substring(1);
    assertTrue(run.out().contains("--- a/" + rel + "\n+++ b/" + rel + "\n"), run.out());
    assertTrue(run.out().contains("\n-server   MBOX1 192.168.30.20\n"), run.out());
    assertTrue(run.out().contains("\n+  server MBOX1 192.168.30.20\n"), run.out());
    assertTrue(run.err().contains("not formatted"), run.err());
    assertEquals(
        "deployment d exchange 2016 {\nserver   MBOX1 192.168.30.20\n}\n",
        Files.readString(messy),
        "--check changes nothing");
  }

  /**
   * {@code fmt -} formats standard input to standard output, and {@code fmt --check -} fails with
   * the diff, so {@code git show :deploy.lbc | lbc fmt --check -} checks what is staged; it must
   * never pass having read nothing.
   */
  @Test
  void fmtReadsStandardInput() {
    String messy = "deployment d exchange 2016 {\nserver   MBOX1 192.168.30.20\n}\n";
    String tidy = "deployment d exchange 2016 {\n  server MBOX1 192.168.30.20\n}\n";
    Cli.Run check = withStdin(messy, "fmt", "--check", "-");
    assertEquals(1, check.exit(), check.out() + check.err());
    assertTrue(check.out().contains("--- a/<stdin>\n+++ b/<stdin>\n"), check.out());
    assertTrue(check.out().contains("\n+  server MBOX1 192.168.30.20\n"), check.out());
    Cli.Run format = withStdin(messy, "fmt", "-");
    assertEquals(0, format.exit(), format.out() + format.err());
    assertEquals(tidy, format.out());
    assertEquals(0, withStdin(tidy, "fmt", "--check", "-").exit());
    Cli.Run broken = withStdin("deployment {\n", "fmt", "--check", "-");
    assertEquals(1, broken.exit(), broken.out() + broken.err());
    assertTrue(broken.err().contains("<stdin>:1:"), broken.err());
  }

  private static Cli.Run withStdin(String text, String... args) {
    java.io.InputStream saved = System.in;
    System.setIn(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    try {
      return Cli.lbc(args);
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void fmtOnAYamlFileSaysItFormatsTheDslOnly() {
    Cli.Run run = Cli.lbc("fmt", warning);
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains("formats the DSL (.lbc) only"), run.err());
    // in a folder, YAML deployments are left alone and the DSL files formatted
    Cli.Run folder = Cli.lbc("fmt", "--check", Repo.root().resolve("examples").toString());
    assertEquals(0, folder.exit(), folder.out() + folder.err());
  }
}
