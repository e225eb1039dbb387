package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * TCP mode: a client that sends its request and half-closes before the server connection is up
 * (printf ... | nc -N, an SMTP or IMAP probe) still has every byte and its end delivered to the
 * server, and gets the server's answer. On the epoll transport the client's end of input is read
 * even while reading is paused, so the bytes arrive before there is a server connection to take
 * them.
 */
class TcpEarlyHalfCloseTest {
  private static final String VIP = "127.0.0.76";
  private static final String SERVER = "127.0.0.77";
  private static final int PORT = 26621;

  @Test
  void bytesAndEndSentBeforeTheServerConnectionIsUpAreDelivered() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    // An accept queue of one, filled: the engine's connect is held in SYN_SENT (the kernel drops
    // its SYN) until the queue is drained, so the client's bytes and end come first.
    List<Socket> fillers = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(PORT, 1, InetAddress.getByName(SERVER));
        Engine engine =
            TcpBackpressureTest.tcpEngine("early-half-close-test", VIP, SERVER, PORT, log)) {
      for (int i = 0; i < 2; i++) {
        fillers.add(new Socket(SERVER, PORT));
      }
      try (Socket client = new Socket()) {
        client.connect(new InetSocketAddress(VIP, PORT), 5_000);
        client.setSoTimeout(15_000);
        client
            .getOutputStream()
            .write("EHLO client\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        client.shutdownOutput();
        // Give the engine time to see the bytes and the end while its connect is still held; the
        // kernel resends the SYN a second after the first, so the connect completes after this.
        Thread.sleep(300);
        for (Socket f : fillers) {
          server.accept().close();
          f.close();
        }
        server.setSoTimeout(15_000);
        try (Socket accepted = server.accept()) {
          accepted.setSoTimeout(15_000);
          assertEquals(
              "EHLO client\r\nQUIT\r\n",
              readToEnd(accepted.getInputStream()),
              "the server gets every byte and then the client's end; engine log: " + log);
          accepted.getOutputStream().write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals("221 bye\r\n", readToEnd(client.getInputStream()), "engine log: " + log);
      }
      assertTrue(
          log.stream().noneMatch(l -> l.contains("Exception")), "nothing went wrong: " + log);
    } finally {
      for (Socket f : fillers) {
        f.close();
      }
    }
  }

  private static String readToEnd(InputStream in) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.US_ASCII);
  }
}
