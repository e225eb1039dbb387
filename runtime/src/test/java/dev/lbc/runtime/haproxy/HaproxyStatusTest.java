package dev.lbc.runtime.haproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stats socket is read with a deadline and a size bound, like every network read of lbc. */
class HaproxyStatusTest {
  /** A stats socket at {@code path} whose one client is served by {@code peer}. */
  private static Thread socket(Path path, Consumer<SocketChannel> peer) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    Thread t =
        new Thread(
            () -> {
              try (server;
                  SocketChannel ch = server.accept()) {
                peer.accept(ch);
              } catch (IOException e) {
                // the client went away: the test is over
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void aSocketThatNeverAnswersTimesOut(@TempDir Path tmp) throws Exception {
    Path sock = tmp.resolve("stats.sock");
    socket(sock, ch -> sleep(20_000));
    long start = System.nanoTime();
    IOException e =
        assertThrows(IOException.class, () -> new HaproxyStatus(sock, null).command("show stat"));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < HaproxyStatus.COMMAND_DEADLINE.toMillis() + 2000, ms + " ms");
    assertTrue(e.getMessage().contains("within"), e.getMessage());
  }

  @Test
  void aSocketThatFloodsIsCutOff(@TempDir Path tmp) throws Exception {
    Path sock = tmp.resolve("stats.sock");
    socket(
        sock,
        ch -> {
          ByteBuffer junk = ByteBuffer.allocate(1 << 20);
          try {
            while (true) {
              junk.clear();
              ch.write(junk);
            }
          } catch (IOException e) {
            // cut off by the reader
          }
        });
    IOException e =
        assertThrows(IOException.class, () -> new HaproxyStatus(sock, null).command("show stat"));
    assertTrue(e.getMessage().contains("bytes"), e.getMessage());
  }

  @Test
  void anAnswerIsReadToTheEnd(@TempDir Path tmp) throws Exception {
    Path sock = tmp.resolve("stats.sock");
    String answer = "# pxname,svname\n" + "x,y\n".repeat(50_000);
    socket(
        sock,
        ch -> {
          try {
            ch.read(ByteBuffer.allocate(64));
            ch.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    assertEquals(answer, new HaproxyStatus(sock, null).command("show stat"));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
