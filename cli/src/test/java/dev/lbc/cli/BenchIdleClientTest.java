package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The idle-connection client of the engine benchmarks (scripts/bench/idle.py) reports a count only
 * when every connection it was asked for is open: bench-run.sh divides the memory growth by that
 * count, so a client that lost an opener and said "open" anyway would make the figure wrong.
 */
class BenchIdleClientTest {
  private static final String BODY = "x".repeat(600);

  @Test
  void opensEveryConnectionAcrossItsOpenersAndSaysHowManyStayed() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread answering = new Thread(() -> answer(server, accepted));
      answering.setDaemon(true);
      answering.start();
      // five over four openers: one of them opens two
      Process client = idleClient(server.getLocalPort(), 5);
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      assertTrue(out.readLine().startsWith("open after "), "the client says all are open");
      OutputStream in = client.getOutputStream();
      in.write('\n'); // measured
      in.flush();
      assertEquals("alive 5", out.readLine());
      in.close();
      assertTrue(client.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, client.exitValue());
    } finally {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void anOpenerThatFailsEndsTheClientWithTheReason() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Process client = idleClient(closedPort, 8);
    client.getOutputStream().close(); // a caller that would read the memory at once
    assertTrue(client.waitFor(30, TimeUnit.SECONDS));
    String out = read(client.getInputStream());
    String err = read(client.getErrorStream());
    assertNotEquals(0, client.exitValue(), out + err);
    assertFalse(out.contains("open after"), out);
    assertTrue(err.contains("after 0 connections") && err.contains("refused"), err);
  }

  private static Process idleClient(int port, int count) throws Exception {
    return new ProcessBuilder(
            "python3",
            Repo.root().resolve("scripts/bench/idle.py").toString(),
            "127.0.0.1",
            Integer.toString(port),
            Integer.toString(count))
        .start();
  }

  /** Answers each connection's one request with a 600-byte page and keeps it open. */
  private static void answer(ServerSocket server, List<Socket> accepted) {
    try {
      while (true) {
        Socket s = server.accept();
        synchronized (accepted) {
          accepted.add(s);
        }
        InputStream in = s.getInputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        s.getOutputStream()
            .write(
                ("HTTP/1.1 200 OK\r\nContent-Length: 600\r\n\r\n" + BODY)
                    .getBytes(StandardCharsets.US_ASCII));
      }
    } catch (Exception e) {
      // the server socket closed: the test is over
    }
  }

  private static String read(InputStream in) throws Exception {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
