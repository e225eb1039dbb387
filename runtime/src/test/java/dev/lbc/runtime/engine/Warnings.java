package dev.lbc.runtime.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Test helper: what reaches java.util.logging at WARNING or above while installed (Netty logs an
 * exception that escapes a handler there, and HttpProxy logs its unexpected failures there).
 */
final class Warnings extends Handler {
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  static Warnings install() {
    Warnings w = new Warnings();
    Logger.getLogger("").addHandler(w);
    return w;
  }

  void uninstall() {
    Logger.getLogger("").removeHandler(this);
  }

  void clear() {
    records.clear();
  }

  boolean none() {
    return records.isEmpty();
  }

  @Override
  public void publish(LogRecord r) {
    if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
      records.add(r);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (LogRecord r : records) {
      b.append(r.getLevel()).append(' ').append(r.getMessage());
      if (r.getThrown() != null) {
        b.append(": ").append(r.getThrown());
      }
      b.append('\n');
    }
    return b.toString();
  }
}
