package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code lbc lint --format sarif > report.sarif} on a full disk: the report is lost, so the run
 * must not pass. A PrintWriter swallows write errors; lbc asks it, and says so (exit 2, the
 * environment's problem, like an unreadable input).
 */
class UnwritableOutputTest {
  /** Standard output on a full disk: every write fails, as on /dev/full. */
  private static final OutputStream FULL =
      new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          throw new IOException("No space left on device");
        }
      };

  @Test
  void aReportThatCannotBeWrittenFailsTheRun() {
    String clean = Repo.root().resolve("examples/exchange2016-layer7-snat.yaml").toString();
    for (String[] args :
        new String[][] {{"lint", "--format", "sarif", clean}, {"schema"}, {"lint", clean}}) {
      StringWriter err = new StringWriter();
      int exit =
          Main.run(
              args,
              new PrintWriter(new OutputStreamWriter(FULL, StandardCharsets.UTF_8), true),
              new PrintWriter(err, true));
      assertEquals(2, exit, String.join(" ", args) + ": " + err);
      assertTrue(err.toString().contains("lbc: cannot write to standard output"), err.toString());
    }
  }
}
