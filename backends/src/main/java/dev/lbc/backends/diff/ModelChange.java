package dev.lbc.backends.diff;

/**
 * One field-level change between two plans.
 *
 * @param path where, as {@code services[https].vip}: lists of named things are indexed by name
 * @param before the old value as a user writes it, or null when {@code kind} is ADDED
 * @param after the new value, or null when {@code kind} is REMOVED
 */
public record ModelChange(String path, Kind kind, String before, String after) {
  /** What happened to the field or the named thing. */
  public enum Kind {
    ADDED,
    REMOVED,
    CHANGED
  }
}
