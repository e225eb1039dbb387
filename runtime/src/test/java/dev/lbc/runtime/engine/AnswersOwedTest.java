package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Answers owed, oldest first, and which are to a HEAD request: what the codecs frame by. */
class AnswersOwedTest {
  @Test
  void pipelinedRequestsAreAnsweredInTheirOrder() {
    Object owed = null;
    owed = AnswersOwed.add(owed, false);
    owed = AnswersOwed.add(owed, true);
    owed = AnswersOwed.add(owed, false);
    owed = AnswersOwed.add(owed, true);
    boolean[] expected = {false, true, false, true};
    for (boolean head : expected) {
      assertTrue(AnswersOwed.any(owed));
      assertSame(head, AnswersOwed.firstIsHead(owed));
      owed = AnswersOwed.removeFirst(owed);
    }
    assertFalse(AnswersOwed.any(owed));
    assertNull(owed, "nothing held once every answer is given");
  }

  @Test
  void oneRequestAtATimeAllocatesNothingAndNoneOwedIsNoHead() {
    assertFalse(AnswersOwed.firstIsHead(null), "lbc's own answer, to no request passed on");
    assertNull(AnswersOwed.removeFirst(null));
    Object owed = AnswersOwed.add(null, true);
    assertSame(Boolean.TRUE, owed, "one request: the shared Boolean, no queue");
    assertTrue(AnswersOwed.firstIsHead(owed));
    assertNull(AnswersOwed.removeFirst(owed));
  }
}
