package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The access log's lines are HAProxy's, field for field, and its writer never holds up the proxy: a
 * write that fails (here /dev/full, which answers every write with ENOSPC) drops the lines and
 * counts them.
 */
class AccessLogTest {
  private static final long AT = Instant.parse("2026-11-30T22:51:21.938Z").toEpochMilli();

  private static String date() {
    return DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ENGLISH)
        .withZone(ZoneId.systemDefault())
        .format(Instant.ofEpochMilli(AT));
  }

  @Test
  void anHttpLineIsTheOneHaproxyWritesForTheSameRequest() {
    // HAProxy 2.6 with option httplog, a request no server could take:
    // 127.0.0.1:36594 [30/Nov/2026:22:51:21.938] SVC SVC/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC--
    //   1/1/0/0/0 0/0 "GET /owa/x HTTP/1.1"
    String line =
        AccessLine.http(
            new AccessLine.Session(
                new InetSocketAddress("127.0.0.1", 36594), "SVC", "SVC", null, 1, 0, 0, 0),
            AT,
            0,
            -1,
            -1,
            0,
            503,
            217,
            "SC--",
            "GET /owa/x HTTP/1.1");
    assertEquals(
        "127.0.0.1:36594 ["
            + date()
            + "] SVC SVC/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 \"GET /owa/x HTTP/1.1\"",
        line);
  }

  @Test
  void aTcpLineHasTcplogsFields() {
    String line =
        AccessLine.tcp(
            new AccessLine.Session(
                new InetSocketAddress("10.0.0.7", 50000), "IMAP", "IMAP", "MBOX2", 3, 2, 1, 1),
            AT,
            4,
            1200,
            5120,
            "--");
    assertEquals(
        "10.0.0.7:50000 [" + date() + "] IMAP IMAP/MBOX2 0/4/1200 5120 -- 3/3/2/1/1 0/0", line);
  }

  @Test
  void aClientCannotEndTheQuotedRequestOrForgeALine() {
    assertEquals(
        "GET /a#22b#0A#23c#C3#A9 HTTP/1.1", AccessLine.escape("GET /a\"b\n#c\u00e9 HTTP/1.1"));
  }

  @Test
  void writesThatFailAreDroppedAndCountedNeverThrown() throws Exception {
    try (AccessLog log = AccessLog.open("/dev/full")) {
      long start = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        log.offer("line " + i);
      }
      assertTrue(System.nanoTime() - start < 1_000_000_000L, "offer never waits for the disk");
      long deadline = System.currentTimeMillis() + 5_000;
      while (log.dropped() < 100 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(100, log.dropped());
      assertEquals(0, log.written());
    }
  }

  @Test
  void aWriterStuckInWriteFillsTheQueueThenNewLinesAreDropped() throws Exception {
    // a pipe nobody reads: every write blocks until the test ends
    CountDownLatch release = new CountDownLatch(1);
    OutputStream stuck =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            try {
              release.await();
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
          }
        };
    AccessLog log = AccessLog.to(stuck, "stuck");
    try {
      long start = System.nanoTime();
      int offered = AccessLog.QUEUE_LINES + 1000;
      for (int i = 0; i < offered; i++) {
        log.offer("line " + i);
      }
      assertTrue(System.nanoTime() - start < 2_000_000_000L, "offer never waits for the writer");
      // the writer holds at most one batch of 512 out of the queue
      assertTrue(log.dropped() >= 1000 - 512, "dropped " + log.dropped());
    } finally {
      release.countDown();
      log.close();
    }
  }
}
