package dev.lbc.runtime.engine;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * and more threads would only queue in the scheduler. The queue needs no bound of its own: each
 * connection has at most one handshake step waiting, and connections are bounded by the engine's
 * limit.
 */
final class Handshakes implements AutoCloseable {
  private final Executor work;
  // the pool this instance started, ended by close; null when the work runs elsewhere
  private final ExecutorService owned;

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

  /** The handler that serves {@code context}'s TLS with its handshake work done here. */
  SslHandler newHandler(SslContext context, ByteBufAllocator alloc) {
    return context.newHandler(alloc, work);
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.shutdownNow();
    }
  }
}
