package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Main registers only the command a line names, for a fast start; every other line still sees all
 * the commands: help, `help COMMAND`, and a line without one.
 */
class CommandRegistrationTest {
  @Test
  void helpForACommandFindsIt() {
    Cli.Run r = Cli.lbc("help", "lint");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Usage: lbc lint "), r.out());
  }

  @Test
  void helpListsEveryCommand() {
    Cli.Run r = Cli.lbc("--help");
    assertEquals(0, r.exit(), r.err());
    for (String command :
        new String[] {
          "lint", "build", "diff", "run", "convert", "fmt", "init", "explain", "rules"
        }) {
      assertTrue(r.out().contains("\n  " + command + " "), command + " missing from:\n" + r.out());
    }
  }

  @Test
  void aCommandRunsWithOnlyItselfRegistered() {
    Cli.Run r = Cli.lbc("explain", "LBC101");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("LBC101"), r.out());
  }
}
