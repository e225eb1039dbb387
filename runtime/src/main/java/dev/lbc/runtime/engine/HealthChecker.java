package dev.lbc.runtime.engine;

import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.runtime.pool.Member;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Health checks with HAProxy's semantics: a check every {@code interval}, each with one total
 * deadline of the interval; {@code rise} successes bring a member UP, {@code fall} failures take it
 * DOWN, and each change is logged with its reason ("MBOX2 DOWN: GET /owa/healthcheck.htm returned
 * 503, 3/3 failed").
 *
 * <p>A check that throws (a bug, or an {@code Error} such as {@code OutOfMemoryError}) or that
 * never completes counts as failed, and the next check runs on time: nothing a server does can stop
 * a member's checks. Such an internal error is a bug in lbc, so it is also logged (through the
 * {@link ErrorLog}, at most a line per member and window). The I/O is non-blocking ({@link
 * CheckProbe}), so one slow server never delays another server's check.
 */
final class HealthChecker {
  /** One run of a check: completes with null when it passed, or with the reason it failed. */
  interface Probe {
    CompletionStage<String> start(CheckPlan check, String host, int port, long deadlineMs);
  }

  private final ScheduledExecutorService scheduler;
  private final Consumer<String> log;
  private final Probe probe;
  private final ErrorLog errors;

  /** Checks on the engine's event loops. */
  HealthChecker(EventLoopGroup loops, Consumer<String> log, ErrorLog errors) {
    this(loops, log, new CheckProbe(loops), errors);
  }

  HealthChecker(
      ScheduledExecutorService scheduler, Consumer<String> log, Probe probe, ErrorLog errors) {
    this.scheduler = scheduler;
    this.log = log;
    this.probe = probe;
    this.errors = errors;
  }

  /** Schedules the checks of one member; returns the task, or null if it has no check. */
  ScheduledFuture<?> watch(String service, Backend backend, CheckPlan check, int port) {
    return watch(service, backend, check, port, 0, 1);
  }

  /**
   * Schedules the checks of one member, the {@code position}-th of {@code count} checks started
   * together: the first check waits {@code position / count} of the interval, as HAProxy spreads
   * its checks at start, so that a service with nine vdir pools does not open all its TLS checks in
   * the same instant (and time them out on a busy machine).
   */
  ScheduledFuture<?> watch(
      String service, Backend backend, CheckPlan check, int port, int position, int count) {
    if (check.type() == CheckType.NONE) {
      return null;
    }
    Watch w = new Watch(service, backend, check, port);
    long first = count <= 1 ? 0 : w.interval * position / count;
    return scheduler.scheduleAtFixedRate(w::tick, first, w.interval, TimeUnit.MILLISECONDS);
  }

  /** The checks of one member; ticks never overlap (a periodic task runs one at a time). */
  private final class Watch {
    private final String service;
    private final Backend backend;
    private final CheckPlan check;
    private final int port;
    private final long interval;
    private CompletableFuture<String> inFlight;

    Watch(String service, Backend backend, CheckPlan check, int port) {
      this.service = service;
      this.backend = backend;
      this.check = check;
      this.port = port;
      this.interval = Math.max(100, check.intervalMs());
    }

    void tick() {
      try {
        // The deadline is the interval: a check still running now is over, whatever its probe does.
        CompletableFuture<String> previous = inFlight;
        if (previous != null) {
          previous.complete(timedOut(check, interval));
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        inFlight = result;
        result.thenAccept(this::record);
        try {
          probe
              .start(check, backend.host(), port, interval)
              .whenComplete(
                  (failure, thrown) ->
                      result.complete(thrown == null ? failure : internalError(thrown)));
        } catch (Throwable t) {
          result.complete(internalError(t));
        }
      } catch (Throwable t) {
        // A periodic task that throws is never run again: the next check must run whatever
        // happened to this one (an OutOfMemoryError here is not this member's last word).
        try {
          record(internalError(t));
        } catch (Throwable again) {
          inFlight = null;
        }
      }
    }

    private String internalError(Throwable t) {
      Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
      errors.record(
          service + "/" + backend.member().name(), "check internal error", cause.toString());
      return describe(check) + ": internal error (" + cause + ")";
    }

    private void record(String failure) {
      boolean ok = failure == null;
      String detail = ok ? describe(check) + " passed" : failure;
      Boolean change = backend.member().recordCheck(ok, detail);
      if (change != null) {
        Member m = backend.member();
        String tally =
            change ? m.rise() + "/" + m.rise() + " passed" : m.fall() + "/" + m.fall() + " failed";
        log.accept(
            service + "/" + m.name() + (change ? " UP: " : " DOWN: ") + detail + ", " + tally);
      }
    }
  }

  static String describe(CheckPlan c) {
    return switch (c.type()) {
      case HTTPS_GET, HTTP_GET -> "GET " + c.path();
      case SMTP_BANNER -> "SMTP banner";
      case TCP_CONNECT, NONE -> "TCP connect";
    };
  }

  static String timedOut(CheckPlan c, long deadlineMs) {
    return describe(c) + ": timed out after " + deadlineMs + " ms";
  }
}
