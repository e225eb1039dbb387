package dev.lbc.runtime.engine;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the TLS handshakes of offloaded services do their work: the certificate callback and, with
 * it, the handshake steps that compute the key share and, on a full handshake, the certificate
 * key's signature (about a millisecond of CPU with an RSA 2048 key), on threads of their own rather
 * than on the event loop of the connection. Netty runs the TLS engine's delegated tasks on the
 * executor given to {@code SslContext.newHandler}; with BoringSSL its task wrapper goes on with the
 * handshake after the certificate callback, on the same thread. With TLS 1.2's RSA key exchange (no
 * ECDHE) the client's key share is still decrypted on the loop; clients offer ECDHE first.
 *
 * <p>On the event loop, every handshake holds up each established connection that loop serves. When
 * wrk opened 50 HTTPS connections at once, a task scheduled every millisecond on each loop ran 50
 * to 85 ms late, and the engine's 99.9th percentile was 41 to 46 ms where HAProxy's was 12 to 13 ms
 * (docs/performance.md, "Round 9"; part of that stall was the JIT compiler's). Outlook clients
 * reconnect all at once after a failover or a network blip, so a storm of full handshakes is what
 * an Exchange load balancer meets at its worst moment. Off the loop, established connections go on
 * being relayed while the handshakes compute, and the operating system shares the cores between the
 * two.
 *
 * <p>One thread per core, as many as the event loops: handshakes cannot use more CPU than there is,
 * and more threads would only queue in the scheduler. Each connection has at most one handshake
 * step waiting, so the engine's connection limit bounds the queue. In a storm it can hold seconds
 * of work: 20,000 full handshakes at about 1 ms each on two cores is 10 s, the handshake timeout's
 * length. A client that gives up meanwhile (Outlook retries on its own) is closed at once
 * (HttpProxy), which frees its TLS engine, and its step is dropped here when its turn comes, so the
 * threads go on to a client still waiting (ADR 0028). {@link #waiting} and {@link #abandoned} show
 * it ({@code lbc_tls_handshakes_waiting}, {@code lbc_tls_handshakes_abandoned_total}).
 */
final class Handshakes implements AutoCloseable {
  private final Executor work;
  // the pool this instance started, ended by close; null when the work runs elsewhere
  private final ExecutorService owned;
  private final AtomicLong waiting = new AtomicLong();
  private final LongAdder abandoned = new LongAdder();

  private Handshakes(Executor work, ExecutorService owned) {
    this.work = work;
    this.owned = owned;
  }

  /** Handshake work on {@code threadCount} daemon threads of its own, ended by {@link #close}. */
  static Handshakes onThreads(int threadCount) {
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        new ThreadPoolExecutor(
            threadCount,
            threadCount,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "lbc-tls-handshake-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    return new Handshakes(pool, pool);
  }

  /** Handshake work on {@code work}, which its owner ends (a test's, to hold the work back). */
  static Handshakes on(Executor work) {
    return new Handshakes(work, null);
  }

  /** The handler that serves {@code context}'s TLS on {@code ch}, its handshake work done here. */
  SslHandler newHandler(SslContext context, Channel ch) {
    return context.newHandler(ch.alloc(), step -> submit(ch, step));
  }

  private void submit(Channel ch, Runnable step) {
    waiting.incrementAndGet();
    try {
      work.execute(
          () -> {
            waiting.decrementAndGet();
            if (ch.isOpen()) {
              step.run();
            } else {
              // Its engine was freed with the channel: BoringSSL's would hand out no task, the
              // JDK's (the fallback) would still compute one.
              abandoned.increment();
            }
          });
    } catch (RuntimeException e) {
      // refused (the pool has ended): SslHandler fails the handshake and closes the connection
      waiting.decrementAndGet();
      throw e;
    }
  }

  /** Handshakes whose next step waits for a handshake thread now. */
  long waiting() {
    return waiting.get();
  }

  /** Handshakes whose waiting step was dropped because their connection had closed meanwhile. */
  long abandoned() {
    return abandoned.sum();
  }

  @Override
  public void close() {
    if (owned != null) {
      waiting.addAndGet(-owned.shutdownNow().size()); // steps never run
    }
  }
}
