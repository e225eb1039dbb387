package dev.lbc.cli;

import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/** How {@code lbc run} prints what happens: one line per event, with the time of day. */
final class EventLog {
  private EventLog() {}

  /** A log that writes to {@code out}, whole lines only, from any thread. */
  static Consumer<String> to(PrintWriter out) {
    DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss");
    return line -> {
      synchronized (out) {
        out.println(LocalTime.now().format(clock) + " " + line);
        out.flush();
      }
    };
  }
}
