package dev.lbc.compiler.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A problem that stopped the run (a missing input) is in the document of every format, so that a CI
 * system reading only the report sees why the check failed. A new format that forgets it fails
 * here.
 */
class ProblemsInEveryFormatTest {
  @Test
  void everyFormatCarriesTheProblem() {
    Workspace workspace = new Workspace(Path.of("/repo"), Path.of("/repo"));
    Report report =
        Report.failed(
            new Report.Problem("deploy/missing.yaml", "deploy/missing.yaml no such file"),
            List.of(),
            "test");
    for (Format format : Format.values()) {
      String out = format.renderer(false, workspace).render(report);
      assertTrue(out.contains("deploy/missing.yaml no such file"), format + ": " + out);
    }
  }
}
