package dev.lbc.runtime.engine;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer of a proxied connection pair (client side and server side), for every deadline the
 * pair has: client and server inactivity, the connect to a server, and in HTTP mode the request
 * head's. Thousands of idle connections each hold it, so it is one place in its event loop's {@link
 * LoopTimers}, not a Netty {@code IdleStateHandler} on each side (a handler, its pipeline context,
 * a task and a listener per channel) nor a Netty task of its own: activity only stamps a time, and
 * the timer, when it fires, acts on what is due or re-arms itself for the earliest deadline left. A
 * deadline earlier than the one the timer is armed for re-arms it at once. All on the pair's event
 * loop (the server side is registered on the client side's).
 */
abstract class PairTimer extends ChannelInboundHandlerAdapter {
  /** No deadline. */
  static final long NONE = Long.MAX_VALUE;

  /** How long a connect to a server may take. */
  static final long CONNECT_TIMEOUT_MS = 5_000;

  // System.nanoTime() the timer is armed for, NONE when it is not, and its place in its loop's
  // LoopTimers (-1: none); kept by LoopTimers
  long armedFor = NONE;
  int heapIndex = -1;
  // The connect under way and its deadline: here, not Netty's CONNECT_TIMEOUT_MILLIS, whose task
  // the channel keeps referenced for its whole life after the connect (64 bytes and a lambda per
  // idle server connection).
  private ChannelFuture connect;
  private long connectDeadline = NONE;
  private boolean connectTimedOut;
  // The pair is gone (stopTimer): a connect still under way is abandoned, its outcome unheard.
  private boolean stopped;

  /**
   * Acts on every deadline passed at {@code now} (System.nanoTime()) and returns the earliest one
   * left, or {@link #NONE}.
   */
  abstract long expire(long now);

  /** Makes sure the timer fires at {@code deadline} (System.nanoTime()) or before. */
  final void due(EventExecutor executor, long deadline) {
    // a listener that runs after the pair's end must not arm the timer again (it would hold the
    // pair until then)
    if (stopped || deadline >= armedFor) {
      return;
    }
    if (!executor.inEventLoop()) {
      executor.execute(() -> due(executor, deadline));
      return;
    }
    LoopTimers.of(executor).arm(this, deadline);
  }

  /** What a connect came to: {@code cause} is null when it succeeded. */
  interface ConnectOutcome {
    void done(ChannelFuture f, Throwable cause) throws Exception;
  }

  /**
   * Times {@code attempt}, a connect to a server whose bootstrap has no connect timeout of its own:
   * it fails as timed out if it has not completed within {@link #CONNECT_TIMEOUT_MS}. Then {@code
   * outcome} is told.
   */
  final void timeConnect(ChannelFuture attempt, ConnectOutcome outcome) {
    if (!attempt.isDone()) {
      connect = attempt;
      connectTimedOut = false;
      connectDeadline = after(System.nanoTime(), CONNECT_TIMEOUT_MS);
      due(attempt.channel().eventLoop(), connectDeadline);
    }
    attempt.addListener(
        (ChannelFutureListener)
            f -> {
              if (stopped) {
                // no client is left to serve: the connect was abandoned, or it won a race with
                // the client's end
                f.channel().close();
                return;
              }
              outcome.done(f, f.isSuccess() ? connectEnded(f) : cause(f));
            });
  }

  private Throwable cause(ChannelFuture f) {
    Throwable cause = connectEnded(f);
    return cause != null ? cause : f.cause();
  }

  /** The connect {@code f} completed: a timeout if this timer ended it, else null. */
  private Throwable connectEnded(ChannelFuture f) {
    boolean timedOut = f == connect && connectTimedOut;
    if (f == connect) {
      connect = null;
      connectDeadline = NONE;
    }
    return timedOut
        ? new ConnectTimeoutException("connection timed out after " + CONNECT_TIMEOUT_MS + " ms")
        : null;
  }

  /**
   * The pair is gone: no deadline is left, and a connect under way is abandoned (its deadline went
   * with the task: left alone, it would hang on for the kernel's SYN retries, minutes).
   */
  final void stopTimer() {
    stopped = true;
    if (heapIndex >= 0) {
      // on the loop it was armed on: the pair's end is its client channel's, on that loop
      LoopTimers.current().disarm(this);
    }
    if (connect != null) {
      ChannelFuture abandoned = connect;
      connect = null;
      connectDeadline = NONE;
      abandoned.channel().close();
    }
  }

  /** The timer came due at {@code now}; its {@code timers} have disarmed it. */
  final void fire(LoopTimers timers, long now) {
    if (passed(now, connectDeadline)) {
      connectTimedOut = true;
      connectDeadline = NONE;
      // fails the connect, whose listener (timeConnect) reports it as timed out
      connect.channel().close();
    }
    long next = Math.min(expire(now), connectDeadline);
    if (!stopped && next < armedFor) {
      timers.arm(this, next);
    }
  }

  /** Whether {@code deadline} (System.nanoTime(), or NONE) has come at {@code now}. */
  static boolean passed(long now, long deadline) {
    return deadline != NONE && now - deadline >= 0;
  }

  /** {@code at} plus {@code ms} milliseconds in System.nanoTime(), or NONE for a timeout of 0. */
  static long after(long at, long ms) {
    return ms <= 0 ? NONE : at + TimeUnit.MILLISECONDS.toNanos(ms);
  }
}
