package dev.lbc.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lbc.runtime.pool.Member;
import org.junit.jupiter.api.Test;

/**
 * A vdir row's state, as HAProxy's stats name it: a drain does not hide that the vdir's check
 * fails. HAProxy shows DRAIN only for a running server, so the HAProxy engine's status and the
 * embedded engine's /metrics say DOWN for a drained server whose check fails; the embedded status
 * API must say the same, or the page reads "owa DRAIN" while Managed Availability has OWA out.
 */
class VdirMemberStateTest {
  private static Member down() {
    Member m = new Member("MBOX2", 100, 2, 2);
    m.recordCheck(false, "GET /owa/healthcheck.htm returned 503");
    m.recordCheck(false, "GET /owa/healthcheck.htm returned 503");
    return m;
  }

  @Test
  void aDrainedMemberWhoseCheckFailsIsDown() {
    Member m = down();
    m.setAdmin(Member.Admin.DRAIN);
    assertEquals("DOWN", EmbeddedStatus.state(m));
  }

  @Test
  void theStatusApiAndTheMetricsAgreeOnEveryState() {
    for (boolean up : new boolean[] {true, false}) {
      for (Member.Admin admin : Member.Admin.values()) {
        Member m = up ? new Member("MBOX1", 100, 2, 2) : down();
        m.setAdmin(admin);
        assertEquals(
            EmbeddedMetrics.state(m), EmbeddedStatus.state(m), (up ? "UP" : "DOWN") + ", " + admin);
      }
    }
  }
}
