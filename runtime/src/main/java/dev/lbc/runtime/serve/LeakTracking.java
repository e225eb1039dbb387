package dev.lbc.runtime.serve;

import io.netty.util.ResourceLeakDetector;
import java.util.Properties;

/**
 * Netty's buffer leak detector, off in {@code lbc run} unless the JVM is asked for a level: set by
 * {@link Serve#start} for the whole JVM, the server's.
 *
 * <p>At its default level Netty records a stack trace for one pooled buffer in 128 and checks a
 * pipeline's messages at every handler. That is a diagnostic: under wrk it was 1.3 % of the event
 * loops' CPU in TCP mode and 1.9 % in HTTP mode (docs/performance.md, "Round 10"), on a path where
 * HAProxy spends nothing of the kind. A server runs without it; whoever hunts a leak starts lbc
 * with {@code -Dio.netty.leakDetection.level=paranoid} and gets it back.
 */
final class LeakTracking {
  private LeakTracking() {}

  /** Netty's property for the level, and the older spelling it still reads. */
  static final String PROPERTY = "io.netty.leakDetection.level";

  static final String OLD_PROPERTY = "io.netty.leakDetectionLevel";

  /** The level a server sets given the JVM's {@code properties}, or null to leave Netty's. */
  static ResourceLeakDetector.Level forServer(Properties properties) {
    return properties.getProperty(PROPERTY) == null && properties.getProperty(OLD_PROPERTY) == null
        ? ResourceLeakDetector.Level.DISABLED
        : null;
  }

  /** Sets the level for a server, before its first channel (a pipeline reads it when made). */
  static void setForServer() {
    ResourceLeakDetector.Level level = forServer(System.getProperties());
    if (level != null) {
      ResourceLeakDetector.setLevel(level);
    }
  }
}
