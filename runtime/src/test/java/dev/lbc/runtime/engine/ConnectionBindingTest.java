package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Lbc;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * NTLM and Negotiate authenticate the TCP connection, not the request: Exchange answers every later
 * request on a connection as the user who logged on over it. A proxy that hands a server connection
 * used by one client connection to another (HAProxy's http-reuse, issue 2985) serves the second
 * client as the first user. Here a server binds identity to its connection exactly so, and several
 * users log on through the engine at once, each over many keep-alive connections: every new
 * connection must start anonymous (401), and every answer after the logon must name that user.
 */
class ConnectionBindingTest {
  private static final String VIP = "127.0.46.10";
  private static final String SERVER = "127.0.46.20";
  private static final int USERS = 8;
  private static final int CONNECTIONS_PER_USER = 15;
  private static final int REQUESTS_PER_CONNECTION = 6;

  @Test
  void clientsNeverSeeEachOthersIdentity() throws Exception {
    try (NtlmLikeServer server = new NtlmLikeServer(SERVER);
        Engine engine =
            Engine.start(
                Lbc.plan(httpService(VIP, SERVER, server.port(), "", "")),
                BindMap.parse(List.of()),
                s -> {})) {
      ExecutorService users = Executors.newFixedThreadPool(USERS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<String>>> results = new ArrayList<>();
      for (int u = 0; u < USERS; u++) {
        String user = "LBTESTDOM\\user" + u;
        results.add(users.submit(() -> logOnRepeatedly(start, user, server.port())));
      }
      start.countDown();
      List<String> problems = new ArrayList<>();
      for (Future<List<String>> r : results) {
        problems.addAll(r.get(60, TimeUnit.SECONDS));
      }
      users.shutdownNow();
      assertEquals(List.of(), problems.subList(0, Math.min(10, problems.size())));
      // The load was parallel: the server held several users' connections at one time.
      assertTrue(server.mostAtOnce.get() > 1, "connections at once: " + server.mostAtOnce.get());
      assertEquals(USERS * CONNECTIONS_PER_USER, server.accepted.get(), "server connections");
    }
  }

  /**
   * One HTTP-mode service OWA on vip:port with MBOX1 at server:port behind it and no health check;
   * {@code top} goes after the exchange line, {@code serviceLines} into the service (each line
   * indented by four spaces and ended).
   */
  static String httpService(String vip, String server, int port, String top, String serviceLines) {
    return """
        lbc: 1
        name: http-service
        exchange: se
        %s\
        appliances:
          primary: { hostname: lb1, address: 127.0.0.5/8 }
        servers:
          - { name: MBOX1, address: %s }
        services:
          - name: OWA
            vip: %s
            ports: [%d]
            mode: snat
            protocol: http
            health-check: { type: none }
        %s\
            real-servers: [{ server: MBOX1, port: %d }]
        """
        .formatted(top, server, vip, port, serviceLines, port);
  }

  /**
   * One user's session, {@link #CONNECTIONS_PER_USER} times: a fresh connection, an anonymous
   * request (a fresh server connection must challenge it), the logon, then requests that carry no
   * credentials and rely on the connection. Returns what went wrong.
   */
  private static List<String> logOnRepeatedly(CountDownLatch start, String user, int port)
      throws Exception {
    start.await();
    List<String> problems = new ArrayList<>();
    for (int c = 0; c < CONNECTIONS_PER_USER; c++) {
      try (Socket s = new Socket(VIP, port)) {
        s.setSoTimeout(10_000);
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        String first = exchange(in, out, null);
        if (!first.equals("401 anonymous")) {
          problems.add(user + ", connection " + c + ", before logon: " + first);
        }
        String logon = exchange(in, out, user);
        if (!logon.equals("200 " + user)) {
          problems.add(user + ", connection " + c + ", logon: " + logon);
        }
        for (int r = 0; r < REQUESTS_PER_CONNECTION; r++) {
          String answer = exchange(in, out, null);
          if (!answer.equals("200 " + user)) {
            problems.add(user + ", connection " + c + ", request " + r + ": " + answer);
          }
        }
      }
    }
    return problems;
  }

  /** One request over the connection; the answer as "status body". */
  private static String exchange(InputStream in, OutputStream out, String logon)
      throws IOException {
    String request =
        "GET /owa/ HTTP/1.1\r\nHost: mail.lbtestdom.com\r\n"
            + (logon == null ? "" : "Authorization: NTLM " + logon + "\r\n")
            + "\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    List<String> head = readHead(in);
    if (head.isEmpty()) {
      return "connection closed";
    }
    String status = head.get(0).split(" ")[1];
    return status + " " + new String(in.readNBytes(contentLength(head)), StandardCharsets.UTF_8);
  }

  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.US_ASCII).stripTrailing();
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
        line.reset();
      } else {
        line.write(b);
      }
    }
    return List.of();
  }

  private static int contentLength(List<String> head) {
    for (String h : head) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        return Integer.parseInt(lower.substring("content-length:".length()).strip());
      }
    }
    return 0;
  }

  /**
   * A server that authenticates connections as NTLM does: the first request carrying {@code
   * Authorization: NTLM <user>} binds the user to the TCP connection, and every later request on it
   * is answered as that user, with or without the header. A request on a connection no one logged
   * on over gets 401.
   */
  private static final class NtlmLikeServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Socket> open = new ConcurrentLinkedQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    NtlmLikeServer(String address) throws IOException {
      socket.bind(new InetSocketAddress(address, 0), 256);
      threads.submit(this::acceptLoop);
    }

    int port() {
      return socket.getLocalPort();
    }

    private Void acceptLoop() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          accepted.incrementAndGet();
          open.add(s);
          threads.submit(() -> serve(s));
        } catch (IOException e) {
          return null; // closed
        }
      }
      return null;
    }

    private Void serve(Socket s) {
      mostAtOnce.accumulateAndGet(current.incrementAndGet(), Math::max);
      String bound = null;
      try (s) {
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        for (List<String> head = readHead(in); !head.isEmpty(); head = readHead(in)) {
          for (String h : head) {
            if (h.toLowerCase(Locale.ROOT).startsWith("authorization: ntlm ")) {
              bound = h.substring("authorization: ntlm ".length());
            }
          }
          String body = bound == null ? "anonymous" : bound;
          String status = bound == null ? "401 Unauthorized" : "200 OK";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          out.write(
              ("HTTP/1.1 "
                      + status
                      + "\r\n"
                      + (bound == null ? "WWW-Authenticate: NTLM\r\n" : "")
                      + "Content-Length: "
                      + bytes.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.write(bytes);
          out.flush();
        }
      } catch (IOException e) {
        // the engine closed the connection
      } finally {
        current.decrementAndGet();
        open.remove(s);
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : open) {
        s.close();
      }
      threads.shutdownNow();
    }
  }
}
