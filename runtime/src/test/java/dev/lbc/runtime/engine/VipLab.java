package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.runtime.admin.EmbeddedStatus;
import dev.lbc.runtime.engine.EngineTest.TestServer;
import dev.lbc.testsupport.Lbc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Test helper: one service (MBOX-IMAP4 on 127.0.0.40:24243, servers MBOX1 to MBOX3 on 127.0.0.41 to
 * .43) served by the engine, the servers behind it, clients through its VIP and the status as the
 * API shows it. Addresses and port of its own, so that EngineTest running elsewhere on the machine
 * does not answer here.
 */
final class VipLab implements AutoCloseable {
  static final String VIP = "127.0.0.40";
  static final int PORT = 24243;
  static final String SERVICE = "MBOX-IMAP4";
  static final String CHECK =
      "health-check: { type: tcp-connect, interval: 200ms, rise: 2, fall: 2 }";
  static final String NO_CHECK = "health-check: { type: none }";

  final List<String> log = new CopyOnWriteArrayList<>();
  private final List<TestServer> servers = new ArrayList<>();
  private final List<ServerSocket> resetting = new ArrayList<>();
  Engine engine;

  /** The service with these real servers and service lines (the tcp-connect check if none). */
  static Plan plan(String realServers, String... extra) {
    return planAt("127.0.0.41", VIP, realServers, extra);
  }

  /** As {@link #plan}, with MBOX1 at {@code mbox1} and the service on {@code vip}. */
  static Plan planAt(String mbox1, String vip, String realServers, String... extra) {
    StringBuilder yaml =
        new StringBuilder(
            """
            lbc: 1
            name: reload-test
            exchange: 2016
            appliances:
              primary: { hostname: lb1, address: 127.0.0.5/8 }
              secondary: { hostname: lb2, address: 127.0.0.6/8 }
            servers:
              - { name: MBOX1, address: %s }
              - { name: MBOX2, address: 127.0.0.42 }
              - { name: MBOX3, address: 127.0.0.43 }
            services:
              - name: %s
                vip: %s
                ports: [%d]
                mode: snat
            """
                .formatted(mbox1, SERVICE, vip, PORT));
    for (String e : extra.length == 0 ? new String[] {CHECK} : extra) {
      yaml.append("    ").append(e).append('\n');
    }
    yaml.append("    real-servers: [").append(realServers).append("]\n");
    return Lbc.plan(yaml.toString());
  }

  /** Starts servers that say their name and echo: name, address, name, address... */
  void serve(String... nameAndAddress) throws IOException {
    for (int i = 0; i < nameAndAddress.length; i += 2) {
      servers.add(new TestServer(nameAndAddress[i], nameAndAddress[i + 1], PORT));
    }
  }

  /** A server that reads a line (or a request head) and then resets the connection. */
  void resetAfterALine(String address) throws IOException {
    ServerSocket s = TestServer.listen(address, PORT);
    resetting.add(s);
    Thread t =
        new Thread(
            () -> {
              while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                  c.setSoTimeout(3000);
                  new BufferedReader(
                          new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII))
                      .readLine();
                  c.setSoLinger(true, 0);
                } catch (IOException e) {
                  // closed by the test, or the client went away
                }
              }
            });
    t.setDaemon(true);
    t.start();
  }

  void start(Plan plan) throws Exception {
    engine = Engine.start(plan, BindMap.parse(List.of()), log::add);
  }

  @Override
  public void close() throws IOException {
    if (engine != null) {
      engine.close();
    }
    servers.forEach(TestServer::close);
    for (ServerSocket s : resetting) {
      s.close();
    }
  }

  /** The service as {@code GET /api/status} shows it. */
  Map<String, Object> service() {
    return new EmbeddedStatus(engine)
        .services().stream().filter(s -> s.get("name").equals(SERVICE)).findFirst().orElseThrow();
  }

  /** A member of the service as {@code GET /api/status} shows it. */
  @SuppressWarnings("unchecked")
  Map<String, Object> member(String name) {
    return ((List<Map<String, Object>>) service().get("servers"))
        .stream().filter(m -> m.get("name").equals(name)).findFirst().orElseThrow();
  }

  /** Waits for a condition the engine reaches on its own threads. */
  static void await(BooleanSupplier condition, String message) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 3_000;
    while (!condition.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() < deadline, message);
      Thread.sleep(20);
    }
  }

  /** An open connection through the VIP and the name of the server that took it. */
  static final class Held implements AutoCloseable {
    final Socket socket;
    final BufferedReader in;
    final String name;

    Held(Socket socket) throws IOException {
      this.socket = socket;
      socket.setSoTimeout(3000);
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      name = in.readLine();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  static Held hold() throws IOException {
    return new Held(new Socket(VIP, PORT));
  }

  static String greeting() throws IOException {
    return greeting(null);
  }

  static String greeting(String source) throws IOException {
    return greeting(source, VIP);
  }

  /** Connects to {@code vip} (from {@code source} if given) and returns the server's name line. */
  static String greeting(String source, String vip) throws IOException {
    try (Socket s = new Socket()) {
      if (source != null) {
        s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
      }
      s.setSoTimeout(3000);
      s.connect(new InetSocketAddress(vip, PORT), 3000);
      return new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }

  /** Sends a line and an empty one, and returns the first line of the answer or null at its end. */
  static String send(String line) throws IOException {
    try (Socket s = new Socket(VIP, PORT)) {
      s.setSoTimeout(3000);
      s.getOutputStream().write((line + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    } catch (SocketException e) {
      return null; // reset rather than closed: ended all the same
    }
  }
}
