package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.runtime.sim.SimulatedExchange;
import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TLS handshakes of an offloaded service do their work through {@link Handshakes}, off the
 * event loops: a client whose handshake work is held back waits alone, and a client already
 * connected goes on being answered meanwhile. Held back here means queued in a test executor that
 * occupies no thread; that the work no longer stalls a loop follows from its going through the
 * executor at all, which both tests fail without. With the work on the event loop, a storm of
 * handshakes (Outlook clients reconnecting after a failover) stalls every established connection.
 */
class HandshakesTest {
  private static final String VIP = "127.0.47.11";
  private static final String SERVER = "127.0.47.21";
  private static final int PORT = 25443;
  private static final BindMap NO_MAP = BindMap.parse(List.of());
  private static final Engine.Options OPTIONS =
      new Engine.Options(Repo.root().resolve("examples"), 10_000);

  /** One HTTP-mode service whose TLS the engine terminates, in front of SERVER's plain HTTP. */
  private static Plan offloaded() {
    return Lbc.plan(
        ConnectionBindingTest.httpService(
            VIP,
            SERVER,
            PORT,
            "certificates: [{ name: Cert, pem: certs/exchange.pem }]\nextended-protection: false\n",
            "    ssl: { offload: Cert, reencrypt: false }\n"));
  }

  /** Runs the handshake work on threads of its own, or holds it while {@link #hold} is on. */
  private static final class Gate implements Executor {
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;

    @Override
    public synchronized void execute(Runnable task) {
      if (holding) {
        held.add(task);
        notifyAll();
      } else {
        start(task);
      }
    }

    synchronized void hold() {
      holding = true;
    }

    synchronized void awaitHeld(long millis) throws InterruptedException {
      long end = System.currentTimeMillis() + millis;
      while (held.isEmpty() && System.currentTimeMillis() < end) {
        wait(Math.max(1, end - System.currentTimeMillis()));
      }
    }

    synchronized int heldCount() {
      return held.size();
    }

    synchronized void release() {
      holding = false;
      held.forEach(Gate::start);
      held.clear();
    }

    private static void start(Runnable task) {
      Thread t = new Thread(task, "test-handshake-work");
      t.setDaemon(true);
      t.start();
    }
  }

  @Test
  @Timeout(60)
  void anEstablishedConnectionIsAnsweredWhileAnotherClientsHandshakeWorkIsHeld() throws Exception {
    Gate gate = new Gate();
    try (SimulatedExchange sim = new SimulatedExchange("MBOX1")) {
      sim.listen(SERVER, PORT, "http");
      try (Engine engine =
          Engine.start(offloaded(), NO_MAP, s -> {}, OPTIONS, Handshakes.on(gate))) {
        try (SSLSocket established = connect()) {
          established.startHandshake();
          assertEquals("HTTP/1.1 200 OK", get(established));

          gate.hold();
          try (SSLSocket late = connect()) {
            CompletableFuture<Void> lateHandshake = handshakeInBackground(late, false);
            gate.awaitHeld(10_000);
            assertTrue(gate.heldCount() > 0, "the late client's handshake work never reached Gate");

            // the established client is answered while the other handshake cannot go on
            assertEquals("HTTP/1.1 200 OK", get(established));
            assertFalse(lateHandshake.isDone(), "the late handshake ended with its work held");

            gate.release();
            lateHandshake.get(10, TimeUnit.SECONDS);
            assertEquals("HTTP/1.1 200 OK", get(late));
          }
        }
      }
    } finally {
      gate.release();
    }
  }

  @Test
  @Timeout(60)
  void theEngineDoesHandshakesOnDaemonThreadsOfItsOwnAndEndsThemOnClose() throws Exception {
    try (SimulatedExchange sim = new SimulatedExchange("MBOX1")) {
      sim.listen(SERVER, PORT, "http");
      Set<Thread> before = handshakeThreads();
      Set<Thread> started;
      try (Engine engine = Engine.start(offloaded(), NO_MAP, s -> {}, OPTIONS);
          SSLSocket client = connect()) {
        client.startHandshake();
        assertEquals("HTTP/1.1 200 OK", get(client));
        started = handshakeThreads();
        started.removeAll(before);
        assertFalse(started.isEmpty(), "the handshake did its work on no lbc-tls-handshake thread");
        for (Thread t : started) {
          assertTrue(t.isDaemon(), t.getName() + " would keep the JVM alive");
        }
      }
      for (Thread t : started) {
        t.join(5_000);
        assertFalse(t.isAlive(), t.getName() + " still runs after the engine closed");
      }
    }
  }

  /**
   * A client that leaves while its handshake step waits is closed at once, and its step is then
   * dropped and counted: in a storm the queue holds clients that gave up, and signing for them
   * would take the CPU from those still waiting. The client leaves with a reset, or with a FIN,
   * which before round 10 left the connection open until the 10 s handshake timeout (the TLS
   * handler held the close behind the step) and the step was then done. The metrics' gauge and
   * counter follow. With the BoringSSL engine a closed connection's step would do no crypto anyway
   * (its engine is freed); what lets the queue skip the work is the prompt close.
   */
  @ParameterizedTest(name = "reset: {0}")
  @ValueSource(booleans = {true, false})
  @Timeout(60)
  void aStepWhoseClientHasLeftIsDroppedNotDone(boolean reset) throws Exception {
    Gate gate = new Gate();
    try (SimulatedExchange sim = new SimulatedExchange("MBOX1")) {
      sim.listen(SERVER, PORT, "http");
      try (Engine engine =
          Engine.start(offloaded(), NO_MAP, s -> {}, OPTIONS, Handshakes.on(gate))) {
        gate.hold();
        Socket raw = new Socket(VIP, PORT);
        if (reset) {
          raw.setSoLinger(true, 0);
        }
        SSLSocket leaving =
            (SSLSocket) Tls.trustAll().getSocketFactory().createSocket(raw, VIP, PORT, true);
        CompletableFuture<Void> handshake = handshakeInBackground(leaving, true);
        gate.awaitHeld(10_000);
        assertEquals(1, gate.heldCount(), "the handshake's step never reached Gate");
        assertEquals(1, engine.handshakesWaiting());

        raw.close();
        ServiceRuntime service = engine.services().values().iterator().next();
        // at once, not after the TLS handler's close_notify (3 s) or handshake timeout (10 s)
        VipLab.await(() -> service.currentSessions() == 0, "the client's leaving was not seen");
        gate.release();
        VipLab.await(() -> engine.handshakesWaiting() == 0, "the dropped step still counts");
        assertEquals(1, engine.handshakesAbandoned(), "the step of a closed connection was done");
        handshake.get(10, TimeUnit.SECONDS);

        // the next client's steps are done as ever, and nothing more is counted as dropped
        try (SSLSocket next = connect()) {
          next.startHandshake();
          assertEquals("HTTP/1.1 200 OK", get(next));
        }
        assertEquals(1, engine.handshakesAbandoned());
        assertEquals(0, engine.handshakesWaiting());
      }
    } finally {
      gate.release();
    }
  }

  /**
   * {@code s}'s handshake on another thread; its failure fails the future, unless {@code
   * closedUnder} (the test closes the socket under it).
   */
  private static CompletableFuture<Void> handshakeInBackground(SSLSocket s, boolean closedUnder) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            s.startHandshake();
          } catch (IOException e) {
            if (!closedUnder) {
              throw new IllegalStateException(e);
            }
          }
        });
  }

  private static Set<Thread> handshakeThreads() {
    Set<Thread> found = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("lbc-tls-handshake-")) {
        found.add(t);
      }
    }
    return found;
  }

  private static SSLSocket connect() throws IOException {
    SSLSocket s = (SSLSocket) Tls.trustAll().getSocketFactory().createSocket(VIP, PORT);
    s.setSoTimeout(10_000);
    return s;
  }

  /** One keep-alive GET on {@code s}; its status line, the rest of the answer read and dropped. */
  private static String get(SSLSocket s) throws IOException, TimeoutException {
    s.getOutputStream()
        .write(
            "GET /owa/ HTTP/1.1\r\nHost: mail.lbtestdom.com\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
    String status = in.readLine();
    int length = 0;
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    for (int i = 0; i < length; i++) {
      if (in.read() < 0) {
        throw new TimeoutException("the answer ended early");
      }
    }
    return status;
  }
}
