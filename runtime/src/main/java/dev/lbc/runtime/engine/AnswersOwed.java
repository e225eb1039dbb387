package dev.lbc.runtime.engine;

import java.util.ArrayDeque;

/**
 * The answers a connection's codec still owes (to the requests it passed on or wrote, oldest first)
 * and which of them are to a HEAD request, whose answer has no body: kept in one field of the
 * codec, which is null when none is owed (every idle connection), the {@code Boolean} of the one
 * request when there is one (Boolean's own two instances, nothing allocated), and a queue only
 * while requests are pipelined. Pure functions of that field's value; the codec stores what they
 * return.
 */
final class AnswersOwed {
  private AnswersOwed() {}

  /** {@code owed} with one more answer owed, to a HEAD request if {@code head}. */
  static Object add(Object owed, boolean head) {
    if (owed == null) {
      return head;
    }
    ArrayDeque<Boolean> queue = queue(owed);
    if (queue == null) {
      queue = new ArrayDeque<>(4);
      queue.add((Boolean) owed);
    }
    queue.add(head);
    return queue;
  }

  /** Whether any answer is owed. */
  static boolean any(Object owed) {
    return owed != null;
  }

  /** Whether the oldest answer owed is to a HEAD request (false when none is owed). */
  static boolean firstIsHead(Object owed) {
    ArrayDeque<Boolean> queue = queue(owed);
    return queue != null ? queue.peek() : Boolean.TRUE.equals(owed);
  }

  /** {@code owed} without its oldest answer, now given. */
  static Object removeFirst(Object owed) {
    ArrayDeque<Boolean> queue = queue(owed);
    if (queue == null) {
      return null;
    }
    queue.poll();
    return queue.size() == 1 ? queue.peek() : queue;
  }

  @SuppressWarnings("unchecked")
  private static ArrayDeque<Boolean> queue(Object owed) {
    return owed instanceof ArrayDeque<?> q ? (ArrayDeque<Boolean>) q : null;
  }
}
