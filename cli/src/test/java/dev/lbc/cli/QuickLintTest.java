package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lbc.testsupport.Repo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lint line {@link QuickLint} reads runs without picocli; what the user sees must be what picocli
 * gave: the same report, the same errors, the same exit code, for clean files, findings, a file
 * that is missing (a usage error raised while the command runs, answered through picocli's
 * exception handler), in text and in a CI format.
 */
class QuickLintTest {
  @TempDir Path tmp;

  record Answer(int exit, String out, String err) {}

  @Test
  void aQuickLineAnswersAsPicocliDoes() throws Exception {
    String example =
        Repo.root().resolve("examples/exchange2016-layer7-ssl-offload.yaml").toString();
    Path findings = Repo.root().resolve("golden/diagnostics/yaml-suppression-trailing/input.yaml");
    Path errors = Repo.root().resolve("golden/diagnostics/yaml-bad-cidr/input.yaml");
    String missing = tmp.resolve("missing.yaml").toString();
    // a project file naming no rule: a usage error thrown while the command runs
    Path team = Files.createDirectories(tmp.resolve("team"));
    Files.writeString(team.resolve(".lbc.yaml"), "disable: [LBC999]\n");
    String badConfig = Files.copy(Path.of(example), team.resolve("deploy.yaml")).toString();
    List<List<String>> lines =
        List.of(
            List.of("lint", example),
            List.of("lint", example, findings.toString()),
            List.of("lint", "-q", findings.toString()),
            List.of("lint", "--max-warnings", "0", findings.toString()),
            List.of("lint", "--format", "sarif", example),
            List.of("lint", "-f", "json", findings.toString(), errors.toString()),
            List.of("lint", errors.toString(), "--format", "gitlab"),
            List.of("lint", "--format=github", missing),
            List.of("lint", missing),
            List.of("lint", "-f", "junit", missing, example),
            List.of("lint", badConfig),
            List.of("lint", "--format", "sarif", badConfig),
            List.of("lint", "-q", "--max-warnings=3", "--format=github", badConfig));
    List<String> differing = new ArrayList<>();
    for (List<String> line : lines) {
      String[] args = line.toArray(String[]::new);
      assertNotNull(QuickLint.parse(args), "read quickly: " + line);
      Answer quick = answer(args, true);
      Answer picocli = answer(args, false);
      if (!quick.equals(picocli)) {
        differing.add(line + "\n  quick:   " + quick + "\n  picocli: " + picocli);
      }
    }
    assertEquals(List.of(), differing);
  }

  @Test
  void linesOnlyPicocliReadsAreLeftToIt() {
    for (String line :
        List.of(
            "lint",
            "lint --help",
            "lint -fjson a.yaml",
            "lint -q -q a.yaml",
            "lint --format nope a.yaml",
            "lint --max-warnings -1 a.yaml",
            "lint -- a.yaml",
            "lint @args a.yaml",
            "lint --disable LBC206 a.yaml",
            "build a.yaml",
            "--version")) {
      assertNull(QuickLint.parse(line.split(" ")), line);
    }
  }

  /**
   * picocli reads some of its parser settings from system properties, which a user can pass through
   * LBC_JAVA_OPTS: with picocli.trimQuotes, picocli takes a quoted word without its quotes (a line
   * written for a shell that kept them). The quick reader must not read such a line its own way.
   */
  @Test
  void aLineIsLeftToPicocliWhenPicocliPropertiesAreSet() {
    String example =
        Repo.root().resolve("examples/exchange2016-layer7-ssl-offload.yaml").toString();
    String[] args = {"lint", "\"" + example + "\""};
    System.setProperty("picocli.trimQuotes", "true");
    try {
      assertEquals(answer(args, false), answer(args, true));
    } finally {
      System.clearProperty("picocli.trimQuotes");
    }
  }

  /** A JVM error from deep inside a run is lbc's bug (exit 3), not findings with a trace (1). */
  @Test
  void anErrorInsideTheRunIsAnInternalError() {
    java.io.InputStream stdin = System.in;
    System.setIn(
        new java.io.InputStream() {
          @Override
          public int read() {
            throw new AssertionError("a broken invariant");
          }
        });
    try {
      Answer a = answer(new String[] {"lint", "-"}, true);
      assertEquals(Main.INTERNAL, a.exit(), a.toString());
      org.junit.jupiter.api.Assertions.assertTrue(
          a.err().startsWith("lbc: internal error: AssertionError"), a.err());
    } finally {
      System.setIn(stdin);
    }
  }

  private static Answer answer(String[] args, boolean quick) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    int exit = quick ? Main.run(args, o, e) : Main.commandLine(args, o, e).execute(args);
    o.flush();
    return new Answer(exit, out.toString(), err.toString());
  }
}
