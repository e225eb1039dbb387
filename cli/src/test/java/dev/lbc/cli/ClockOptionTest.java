package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockOptionTest {
  @Test
  void aMalformedNowIsAUsageErrorThatShowsTheExpectedForm() {
    Cli.Run run = Cli.lbc("lint", "--now", "yesterday", "examples/lab.yaml");
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains("2026-12-01T00:00:00Z"), run.err());
  }

  @Test
  void lintAndBuildAcceptNow() {
    Cli.Run run =
        Cli.lbc(
            "lint",
            "--now",
            "2026-12-01T00:00:00Z",
            Repo.root().resolve("examples/lab.yaml").toString());
    assertEquals(0, run.exit(), run.out() + run.err());
  }

  @Test
  void sourceDateEpochIsSecondsSince1970AndABadValueSaysHowToFixIt() {
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), ClockOption.sourceDateEpoch("1796083200"));
    assertNull(ClockOption.sourceDateEpoch(null));
    Main.UsageError e =
        assertThrows(Main.UsageError.class, () -> ClockOption.sourceDateEpoch("tomorrow"));
    assertTrue(e.getMessage().contains("SOURCE_DATE_EPOCH"), e.getMessage());
  }
}
