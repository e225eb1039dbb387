package dev.lbc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.Rules;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The rules are loaded once per process: the CLI's second thread loads them while the main thread
 * reads the first file, and the command's own use gets that catalogue, not a second scan of the
 * classpath.
 */
class RulesLoadTest {
  @Test
  void threadsThatNeedTheRulesAtOnceShareOneLoad() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<List<LintRule>>> users =
        List.of(use(start), use(start), use(start), use(start));
    start.countDown();
    List<LintRule> here = Rules.load().lintRules();
    assertFalse(here.isEmpty());
    for (CompletableFuture<List<LintRule>> other : users) {
      assertSame(here, other.get());
    }
    assertSame(Rules.load(), Rules.load().ready());
  }

  @Test
  void theProcessRegistryIsEveryRegisteredRuleSortedById() {
    List<String> ids = Rules.registered().stream().map(r -> r.descriptor().id()).sorted().toList();
    assertFalse(ids.isEmpty());
    assertEquals(ids, Rules.load().lintRules().stream().map(r -> r.descriptor().id()).toList());
  }

  private static CompletableFuture<List<LintRule>> use(CountDownLatch start) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Rules.load().lintRules();
        },
        r -> new Thread(r).start());
  }
}
