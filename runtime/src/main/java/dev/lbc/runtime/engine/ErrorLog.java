package dev.lbc.runtime.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Logs connection errors so that they are seen without flooding the log: the first error of a kind
 * at a place (a service, or a service's member) is logged at once with its detail; the ones that
 * follow are counted, and {@link #flush} (every {@link #WINDOW_SECONDS} seconds) logs one summary
 * line per kind that had more. A kind that stays quiet for a whole window is logged at once again
 * when it comes back. Under attack the log gains a line per kind and window, never one per packet.
 */
final class ErrorLog {
  static final int WINDOW_SECONDS = 10;

  private final Consumer<String> log;
  private final Map<String, Pending> active = new LinkedHashMap<>();

  private static final class Pending {
    final String where;
    final String what;
    long more;
    String last;

    Pending(String where, String what) {
      this.where = where;
      this.what = what;
    }
  }

  ErrorLog(Consumer<String> log) {
    this.log = log;
  }

  /**
   * An error of kind {@code what} (e.g. "server connection error") at {@code where}; true if it was
   * logged at once (the first of its kind in the window), false if it waits for the summary.
   */
  boolean record(String where, String what, String detail) {
    String line = null;
    synchronized (this) {
      Pending p = active.get(where + '\0' + what);
      if (p == null) {
        active.put(where + '\0' + what, new Pending(where, what));
        line = where + ": " + what + ": " + detail;
      } else {
        p.more++;
        p.last = detail;
      }
    }
    if (line == null) {
      return false;
    }
    log.accept(line);
    return true;
  }

  /** Ends a window: a summary for each kind that had more errors; quiet kinds are forgotten. */
  void flush() {
    List<String> lines = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Pending> it = active.values().iterator(); it.hasNext(); ) {
        Pending p = it.next();
        if (p.more == 0) {
          it.remove();
          continue;
        }
        lines.add(
            p.where
                + ": "
                + p.more
                + " more "
                + p.what
                + (p.more == 1 ? "" : "s")
                + " in the last "
                + WINDOW_SECONDS
                + " s (last: "
                + p.last
                + ")");
        p.more = 0;
      }
    }
    lines.forEach(log);
  }

  /** A failure's reason for a log line: its message, or its type when it has none. */
  static String reason(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    if (cause.getMessage() == null) {
      return cause.getClass().getSimpleName();
    }
    // The native transport names the system call ("recvAddress(..) failed: Connection reset by
    // peer"): the operator is told what NIO would say, the errno's text alone.
    return NATIVE_CALL.matcher(cause.getMessage()).replaceFirst("");
  }

  private static final java.util.regex.Pattern NATIVE_CALL =
      java.util.regex.Pattern.compile("^[A-Za-z0-9_]+\\(\\.\\.\\) failed: ");
}
