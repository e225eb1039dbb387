package dev.lbc.cli;

import java.util.function.Consumer;
import sun.misc.Signal;

/** SIGHUP, the Unix way to ask a daemon to reload; the one use of {@code sun.misc}. */
final class Hangup {
  private Hangup() {}

  /** Runs {@code reload} on every SIGHUP; says so in {@code log} where there is no SIGHUP. */
  static void reloadOn(Runnable reload, Consumer<String> log) {
    try {
      Signal.handle(new Signal("HUP"), sig -> reload.run());
    } catch (IllegalArgumentException e) {
      log.accept("SIGHUP is not available here; reload by saving the file");
    }
  }
}
