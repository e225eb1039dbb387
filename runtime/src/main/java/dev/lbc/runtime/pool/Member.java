package dev.lbc.runtime.pool;

/**
 * A real server in a pool at run time: its configured weight, the operator's admin state, its
 * health as the checks see it (HAProxy's rise/fall counters), and its connections. Thread-safe: the
 * engine's event loops and the health checker share members.
 */
public final class Member {
  /** What the operator set: online, drain (no new connections, existing ones finish), halt. */
  public enum Admin {
    ONLINE,
    DRAIN,
    HALT
  }

  private final String name;
  private final int weight;
  private final int rise;
  private final int fall;
  private Admin admin = Admin.ONLINE;
  private boolean up = true;
  private int successes;
  private int failures;
  private int current;
  private long total;
  private String lastCheck = "not checked yet";

  /** A member that starts UP, as HAProxy assumes until checks say otherwise. */
  public Member(String name, int weight, int rise, int fall) {
    if (weight < 0 || rise < 1 || fall < 1) {
      throw new IllegalArgumentException("weight >= 0, rise and fall >= 1");
    }
    this.name = name;
    this.weight = weight;
    this.rise = rise;
    this.fall = fall;
  }

  public String name() {
    return name;
  }

  public int weight() {
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

  /** Takes the health and admin state of {@code other} (the same server before a reload). */
  public void copyStateFrom(Member other) {
    Admin otherAdmin;
    boolean otherUp;
    String otherCheck;
    synchronized (other) {
      otherAdmin = other.admin;
      otherUp = other.up;
      otherCheck = other.lastCheck;
    }
    synchronized (this) {
      admin = otherAdmin;
      up = otherUp;
      lastCheck = otherCheck;
    }
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
    if (success) {
      failures = 0;
      if (!up && ++successes >= rise) {
        up = true;
        successes = 0;
        return Boolean.TRUE;
      }
    } else {
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

  public int fall() {
    return fall;
  }

  public int rise() {
    return rise;
  }

  public synchronized String lastCheck() {
    return lastCheck;
  }

  public synchronized void connectionOpened() {
    current++;
    total++;
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
}
