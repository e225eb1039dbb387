package dev.lbc.compiler.spi;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The rules are loaded once per process: the CLI's second thread loads them while the command line
 * is parsed, and the command's own load gets that registry, not a second scan of the classpath.
 */
class RulesLoadTest {
  @Test
  void everyLoadInAProcessGetsTheOneRegistry() throws Exception {
    CompletableFuture<Rules> other = CompletableFuture.supplyAsync(Rules::load);
    Rules here = Rules.load();
    assertSame(here, other.get());
    assertSame(here, Rules.load());
  }
}
