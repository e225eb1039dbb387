package dev.lbc.runtime.serve;

/**
 * When {@link RestCollector} asks for a collection: once per rest, after {@link #QUIET_SAMPLES}
 * samples in a row in which the process allocated at most {@link #QUIET_BYTES}; never while it
 * allocates more (a load), however long since the last collection. A load ends the rest, and the
 * next rest gets its collection.
 *
 * <p>Why not G1's own periodic collection ({@code -XX:G1PeriodicGCInterval}): it starts a cycle
 * whenever no collection has run for its interval. Under a steady load whose young collections are
 * further apart than that (a 200 MB young generation at 30 MB/s), it started one every few seconds
 * while requests kept coming: a remark pause of 5 to 25 ms each, and the heap shrunk to its live
 * set under load, then grown again through a dozen closely spaced pauses. At rest it ran one every
 * interval for as long as the rest lasted, where one returns all there is to return
 * (docs/performance.md, "Round 8: collections at rest only").
 *
 * <p>Not thread-safe: one sampling thread owns it.
 */
final class RestPolicy {
  /** A sample's allocation up to this is rest: health checks and timers, not traffic. */
  static final long QUIET_BYTES = 1 << 20;

  /** Quiet samples in a row before the collection; with one-second samples, 3 s. */
  static final int QUIET_SAMPLES = 3;

  private int quietSamples;
  // what starting the engine left behind is returned at the first rest, with no load before it
  private boolean collectedThisRest;

  /**
   * Takes the bytes allocated since the previous sample and answers whether to ask for a collection
   * now.
   */
  boolean sample(long allocatedBytes) {
    if (allocatedBytes > QUIET_BYTES) {
      quietSamples = 0;
      collectedThisRest = false;
      return false;
    }
    if (collectedThisRest || ++quietSamples < QUIET_SAMPLES) {
      return false;
    }
    collectedThisRest = true;
    return true;
  }
}
