package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Team configuration: --severity, --disable and the .lbc.yaml project file found upward. */
class RuleConfigTest {
  @TempDir Path repo;
  private Path deployment;

  @BeforeEach
  void copyDeploymentWithOneWarning() throws Exception {
    Path nested = Files.createDirectories(repo.resolve("sites/london"));
    deployment = nested.resolve("exchange.yaml");
    Files.copy(Repo.root().resolve("golden/rules/lbc202-least-connection/input.yaml"), deployment);
  }

  @Test
  void warningByDefault() {
    Cli.Run run = Cli.lbc("lint", deployment.toString());
    assertEquals(0, run.exit());
    assertTrue(run.out().contains("warning[LBC202]"), run.out());
  }

  @Test
  void severityOptionMakesItAnError() {
    Cli.Run run = Cli.lbc("lint", "--severity", "LBC202=error", deployment.toString());
    assertEquals(1, run.exit());
    assertTrue(run.out().contains("error[LBC202]"), run.out());
  }

  @Test
  void disableOptionSilencesIt() {
    Cli.Run run = Cli.lbc("lint", "--disable", "LBC206,LBC202", deployment.toString());
    assertEquals(0, run.exit());
    assertTrue(run.out().contains("no problems"), run.out());
  }

  @Test
  void projectFileAboveTheInputApplies() throws Exception {
    Files.writeString(repo.resolve(".lbc.yaml"), "severity:\n  LBC202: error\n");
    assertEquals(1, Cli.lbc("lint", deployment.toString()).exit());
    // the command line wins over the project file
    assertEquals(0, Cli.lbc("lint", "--severity", "LBC202=warning", deployment.toString()).exit());
  }

  @Test
  void buildHonoursTheProjectFileAsLintDoes() throws Exception {
    Path out = repo.resolve("out");
    Files.writeString(repo.resolve(".lbc.yaml"), "severity:\n  LBC202: error\n");
    Cli.Run refused = Cli.lbc("build", deployment.toString(), "-o", out.toString());
    assertEquals(1, refused.exit(), refused.out() + refused.err());
    assertTrue(refused.err().contains("error[LBC202]"), refused.err());
    assertTrue(Files.notExists(out), "nothing is written when lint refuses");
    Files.writeString(repo.resolve(".lbc.yaml"), "disable: [LBC202]\n");
    Cli.Run built = Cli.lbc("build", deployment.toString(), "-o", out.toString());
    assertEquals(0, built.exit(), built.out() + built.err());
    assertTrue(!built.err().contains("LBC202"), built.err());
  }

  @Test
  void nearestProjectFileWins() throws Exception {
    Files.writeString(repo.resolve(".lbc.yaml"), "severity: { LBC202: error }\n");
    Files.writeString(repo.resolve("sites/.lbc.yaml"), "disable: [LBC202]\n");
    Cli.Run run = Cli.lbc("lint", deployment.toString());
    assertEquals(0, run.exit(), run.out());
    assertTrue(run.out().contains("no problems"), run.out());
  }

  @Test
  void mistakesAreUsageErrors() throws Exception {
    assertEquals(2, Cli.lbc("lint", "--severity", "LBC202=fatal", deployment.toString()).exit());
    assertEquals(2, Cli.lbc("lint", "--disable", "LBC999", deployment.toString()).exit());
    assertEquals(2, Cli.lbc("lint", "--disable", "LBC001", deployment.toString()).exit());
    Files.writeString(repo.resolve(".lbc.yaml"), "severities: { LBC202: error }\n");
    Cli.Run run = Cli.lbc("lint", deployment.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("unknown key `severities`"), run.err());
  }
}
