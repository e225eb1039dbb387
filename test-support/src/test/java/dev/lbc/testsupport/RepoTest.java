package dev.lbc.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class RepoTest {
  @Test
  void theRootHoldsTheExamplesAndTheGoldenFiles() {
    assertTrue(Files.isRegularFile(Repo.root().resolve("examples/lab.yaml")));
    assertTrue(Files.isDirectory(Repo.root().resolve("golden/build")));
  }
}
