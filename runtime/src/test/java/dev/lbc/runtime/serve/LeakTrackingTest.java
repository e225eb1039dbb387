package dev.lbc.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.util.ResourceLeakDetector;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code lbc run} serves without Netty's leak detector, and a JVM started with a level keeps it:
 * the detector is how a leak is found, so asking for it must still work.
 */
class LeakTrackingTest {
  @Test
  void aServerRunsWithoutTheDetectorWhenNoLevelWasAskedFor() {
    assertEquals(ResourceLeakDetector.Level.DISABLED, LeakTracking.forServer(new Properties()));
  }

  @Test
  void aLevelAskedForIsKeptUnderEitherSpelling() {
    Properties asked = new Properties();
    asked.setProperty(LeakTracking.PROPERTY, "paranoid");
    assertNull(LeakTracking.forServer(asked));
    Properties old = new Properties();
    old.setProperty(LeakTracking.OLD_PROPERTY, "advanced");
    assertNull(LeakTracking.forServer(old));
  }

  @Test
  void settingItForAServerTurnsTheDetectorOff() {
    ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    try {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
      LeakTracking.setForServer();
      // the suite's JVM is started without a level, as lbc run is
      assertEquals(ResourceLeakDetector.Level.DISABLED, ResourceLeakDetector.getLevel());
    } finally {
      ResourceLeakDetector.setLevel(before);
    }
  }
}
