package dev.lbc.runtime.engine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code lbc run --access-log}: one line per HTTP request or TCP session, in HAProxy's httplog and
 * tcplog formats ({@link AccessLine}). The event loops only offer a line to a bounded queue; a
 * thread of its own writes it. A full disk, a closed stdout or a reader that stops reading never
 * blocks or fails the proxy: when the queue is full or a write fails, the lines are dropped and
 * counted ({@link #dropped}, shown as {@code lbc_access_log_dropped_total}).
 */
public final class AccessLog implements AutoCloseable {
  /** No access log: lines are neither written nor counted. */
  public static final AccessLog OFF = new AccessLog(null, null);

  /** Lines waiting for the writer; past this many, new lines are dropped. */
  static final int QUEUE_LINES = 8192;

  private final OutputStream out;
  private final BlockingQueue<String> queue;
  private final Thread writer;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private volatile boolean closing;

  private AccessLog(OutputStream out, String name) {
    this.out = out;
    this.queue = out == null ? null : new ArrayBlockingQueue<>(QUEUE_LINES);
    if (out == null) {
      this.writer = null;
      return;
    }
    this.writer = new Thread(this::drain, "lbc-access-log " + name);
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * The access log to {@code target}: "-" is standard output, anything else a file appended to
   * (created if missing). An unwritable file is an IOException now, not dropped lines later.
   */
  public static AccessLog open(String target) throws IOException {
    if (target.equals("-")) {
      // not System.out: a PrintStream swallows write errors, and they must be counted
      return new AccessLog(new FileOutputStream(FileDescriptor.out), "stdout");
    }
    return new AccessLog(
        Files.newOutputStream(
            Path.of(target),
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE),
        target);
  }

  /** An access log written to {@code out}, for tests that need a stream of their own. */
  static AccessLog to(OutputStream out, String name) {
    return new AccessLog(out, name);
  }

  /** Whether lines are logged at all; callers skip formatting a line nobody writes. */
  public boolean on() {
    return writer != null;
  }

  /** Queues {@code line} (without its newline); never blocks. */
  public void offer(String line) {
    if (writer != null && !queue.offer(line)) {
      dropped.incrementAndGet();
    }
  }

  /** Lines dropped because the queue was full or their write failed. */
  public long dropped() {
    return dropped.get();
  }

  /** Lines written. */
  public long written() {
    return written.get();
  }

  private void drain() {
    List<String> batch = new ArrayList<>();
    while (true) {
      String first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (first == null) {
        if (closing) {
          return;
        }
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, 511);
      StringBuilder text = new StringBuilder();
      batch.forEach(l -> text.append(l).append('\n'));
      try {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        written.addAndGet(batch.size());
      } catch (IOException e) {
        // a full disk may have room again for the next batch: count these and go on
        dropped.addAndGet(batch.size());
      }
      batch.clear();
    }
  }

  /** Writes what is queued (for up to two seconds), then closes the file. */
  @Override
  public void close() {
    if (writer == null) {
      return;
    }
    closing = true;
    try {
      writer.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!writer.isAlive() && !(out instanceof FileOutputStream f && isStdout(f))) {
      try {
        out.close();
      } catch (IOException e) {
        // nothing left to write to
      }
    }
  }

  private static boolean isStdout(FileOutputStream f) {
    try {
      return f.getFD() == FileDescriptor.out;
    } catch (IOException e) {
      return false;
    }
  }
}
