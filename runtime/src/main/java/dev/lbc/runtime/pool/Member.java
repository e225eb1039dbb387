package dev.lbc.runtime.pool;

/**
 * A real server in a pool at run time: its configured weight, the operator's admin state, its
 * health as the checks see it (HAProxy's rise/fall counters), its connections and its failures.
 * Thread-safe: the engine's event loops and the health checker share members.
 *
 * <p>A reload that keeps the member keeps this object, so everything live carries over (open
 * connections, admin state, health and its counters, failure counts) and {@link #reconfigure} takes
 * what the new plan says (weight, rise, fall).
 */
public final class Member {
  /** What the operator set: online, drain (no new connections, existing ones finish), halt. */
  public enum Admin {
    ONLINE,
    DRAIN,
    HALT
  }

  private final String name;
  private int weight;
  private int rise;
  private int fall;
  private Admin admin = Admin.ONLINE;
  private boolean up = true;
  private int successes;
  private int failures;
  private int current;
  private long total;
  private long checkFailures;
  private long connectErrors;
  private long serverErrors;
  private String lastCheck = "not checked yet";
  private long lastCheckAt; // epoch milliseconds, 0 until the first check

  /** A member that starts UP, as HAProxy assumes until checks say otherwise. */
  public Member(String name, int weight, int rise, int fall) {
    check(weight, rise, fall);
    this.name = name;
    this.weight = weight;
    this.rise = rise;
    this.fall = fall;
  }

  private static void check(int weight, int rise, int fall) {
    if (weight < 0 || rise < 1 || fall < 1) {
      throw new IllegalArgumentException("weight >= 0, rise and fall >= 1");
    }
  }

  /**
   * Takes a reloaded plan's weight, rise and fall. The health counters stay: a streak of failures
   * that reaches the new fall takes the member down at its next failure.
   */
  public synchronized void reconfigure(int weight, int rise, int fall) {
    check(weight, rise, fall);
    this.weight = weight;
    this.rise = rise;
    this.fall = fall;
  }

  public String name() {
    return name;
  }

  public synchronized int weight() {
    return weight;
  }

  public synchronized boolean isUp() {
    return up;
  }

  public synchronized Admin admin() {
    return admin;
  }

  public synchronized void setAdmin(Admin state) {
    admin = state;
  }

  /** True if new connections may go here: online, healthy and with a weight. */
  public synchronized boolean acceptsNew() {
    return admin == Admin.ONLINE && up && weight > 0;
  }

  /**
   * Records a check result; returns the new state if this result changed UP/DOWN, else null. A DOWN
   * member needs {@code rise} successes in a row, an UP one {@code fall} failures.
   */
  public synchronized Boolean recordCheck(boolean success, String detail) {
    lastCheck = detail;
    lastCheckAt = System.currentTimeMillis();
    if (success) {
      failures = 0;
      if (!up && ++successes >= rise) {
        up = true;
        successes = 0;
        return Boolean.TRUE;
      }
    } else {
      checkFailures++;
      successes = 0;
      if (up && ++failures >= fall) {
        up = false;
        failures = 0;
        return Boolean.FALSE;
      }
    }
    return null;
  }

  /** Consecutive failures counted towards {@code fall} (for messages such as "3/3 failed"). */
  public synchronized int failureStreak() {
    return failures;
  }

  public synchronized int fall() {
    return fall;
  }

  public synchronized int rise() {
    return rise;
  }

  public synchronized String lastCheck() {
    return lastCheck;
  }

  /** When the last check ended, in epoch milliseconds; 0 if none has. */
  public synchronized long lastCheckAt() {
    return lastCheckAt;
  }

  public synchronized void connectionOpened() {
    current++;
    total++;
  }

  /**
   * Counts a new connection if the member is below {@code limit} (0: no limit); false if it is at
   * its limit. Check and count are one step, so event loops racing for the last slot cannot both
   * take it.
   */
  public synchronized boolean tryOpen(int limit) {
    if (limit > 0 && current >= limit) {
      return false;
    }
    connectionOpened();
    return true;
  }

  public synchronized void connectionClosed() {
    current--;
  }

  public synchronized int currentConnections() {
    return current;
  }

  public synchronized long totalConnections() {
    return total;
  }

  /** A connect to this member that failed (refused, timed out, unreachable). */
  public synchronized void connectFailed() {
    connectErrors++;
  }

  /** An error on an established connection to this member (reset, broken pipe). */
  public synchronized void serverError() {
    serverErrors++;
  }

  /** Health checks that failed, since the member joined the pool. */
  public synchronized long checkFailures() {
    return checkFailures;
  }

  public synchronized long connectErrors() {
    return connectErrors;
  }

  public synchronized long serverErrors() {
    return serverErrors;
  }
}
