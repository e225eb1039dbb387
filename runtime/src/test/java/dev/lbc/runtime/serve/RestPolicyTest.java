package dev.lbc.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestPolicyTest {
  private static final long LOAD = 30L << 20; // 30 MB in a second: a proxy under load
  private static final long TRICKLE = 200L << 10; // health checks and a few requests

  /** The seconds (sample numbers, from 1) at which the policy asks for a collection. */
  private static List<Integer> collections(RestPolicy policy, long... samples) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < samples.length; i++) {
      if (policy.sample(samples[i])) {
        at.add(i + 1);
      }
    }
    return at;
  }

  private static long[] repeat(long bytes, int times) {
    long[] samples = new long[times];
    Arrays.fill(samples, bytes);
    return samples;
  }

  @Test
  void neverUnderLoadHoweverLongSinceTheLastCollection() {
    // G1's periodic collection started a cycle every 3 s of such a load, whenever its young
    // collections were further apart than that
    assertEquals(List.of(), collections(new RestPolicy(), repeat(LOAD, 600)));
  }

  @Test
  void onceAtRestAfterThreeQuietSecondsThenNoMore() {
    RestPolicy policy = new RestPolicy();
    collections(policy, repeat(LOAD, 10));
    assertEquals(List.of(3), collections(policy, repeat(0, 60)));
  }

  @Test
  void aTrickleIsRest() {
    RestPolicy policy = new RestPolicy();
    collections(policy, LOAD);
    assertEquals(List.of(3), collections(policy, repeat(TRICKLE, 60)));
  }

  @Test
  void aLoadBetweenQuietSamplesStartsTheCountAgain() {
    assertEquals(List.of(7), collections(new RestPolicy(), LOAD, 0, 0, LOAD, 0, 0, 0, 0, 0));
  }

  @Test
  void eachRestAfterALoadGetsItsCollection() {
    RestPolicy policy = new RestPolicy();
    assertEquals(List.of(4), collections(policy, LOAD, 0, 0, 0, 0, 0));
    assertEquals(List.of(4), collections(policy, LOAD, 0, 0, 0, 0, 0));
    assertEquals(List.of(4, 9), collections(policy, LOAD, 0, 0, 0, 0, LOAD, 0, 0, 0, 0));
  }

  @Test
  void whatStartingTheEngineLeftIsReturnedWithoutALoadFirst() {
    assertEquals(List.of(3), collections(new RestPolicy(), repeat(0, 30)));
  }

  @Test
  void theThresholdIsAMegabyteASample() {
    RestPolicy policy = new RestPolicy();
    collections(policy, LOAD);
    assertFalse(policy.sample(RestPolicy.QUIET_BYTES + 1));
    assertEquals(List.of(3), collections(policy, RestPolicy.QUIET_BYTES, 0, 0, 0));
  }
}
