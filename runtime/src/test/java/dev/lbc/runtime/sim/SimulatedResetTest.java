package dev.lbc.runtime.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that resets its connection (a health check that gives up, a user's dropped session) is
 * the simulated server's everyday business: it closes the connection and says nothing. The README's
 * first command printed a Netty stack trace for each one on the user's terminal.
 */
class SimulatedResetTest {
  private static final int PORT = 24311;

  @ParameterizedTest
  @ValueSource(strings = {"imap", "smtp", "http"})
  void aResetConnectionIsClosedQuietly(String protocol) throws Exception {
    List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    Logger pipeline = Logger.getLogger("io.netty.channel.DefaultChannelPipeline");
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            warnings.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    pipeline.addHandler(capture);
    try (SimulatedExchange sim = new SimulatedExchange("MBOX1")) {
      sim.listen("127.0.0.1", PORT, protocol);
      for (int i = 0; i < 3; i++) {
        resetAfterSending("127.0.0.1", PORT);
      }
      Thread.sleep(300); // the server's event loop sees the reset after the client is gone
    } finally {
      pipeline.removeHandler(capture);
    }
    assertEquals(
        List.of(),
        warnings.stream().map(r -> r.getMessage() + " " + r.getThrown()).toList(),
        "a reset reached the end of the pipeline");
  }

  private static void resetAfterSending(String address, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 2000);
      s.getOutputStream().write("HELO x\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      try {
        Thread.sleep(50); // let the greeting arrive unread, so closing resets the connection
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      s.setSoLinger(true, 0);
    }
  }
}
