package dev.lbc.runtime.engine;

import static dev.lbc.runtime.engine.VipLab.CHECK;
import static dev.lbc.runtime.engine.VipLab.NO_CHECK;
import static dev.lbc.runtime.engine.VipLab.PORT;
import static dev.lbc.runtime.engine.VipLab.SERVICE;
import static dev.lbc.runtime.engine.VipLab.VIP;
import static dev.lbc.runtime.engine.VipLab.greeting;
import static dev.lbc.runtime.engine.VipLab.hold;
import static dev.lbc.runtime.engine.VipLab.plan;
import static dev.lbc.runtime.engine.VipLab.planAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.runtime.admin.EmbeddedStatus;
import dev.lbc.runtime.engine.VipLab.Held;
import dev.lbc.runtime.pool.Member;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a reload keeps: a member that stays (same service, server, address and port) keeps its open
 * connections counted against its max-connections, the operator's drain, its health counters and
 * its persistent clients, and takes the new weight; a member that moves starts afresh; a removed
 * member's connections finish; a listener that stays is kept.
 */
class ReloadStateTest {
  private final VipLab lab = new VipLab();

  @AfterEach
  void stop() throws Exception {
    lab.close();
  }

  @Test
  void aMemberAtItsMaxConnectionsStaysAtItsLimitAcrossAReload() throws Exception {
    lab.serve("MBOX1", "127.0.0.41", "MBOX2", "127.0.0.42");
    lab.start(
        plan("{ server: MBOX1, weight: 100, max-connections: 2 }, { server: MBOX2, weight: 1 }"));
    try (Held a = hold();
        Held b = hold()) {
      assertEquals(List.of("MBOX1", "MBOX1"), List.of(a.name, b.name));

      lab.engine.reload(
          plan("{ server: MBOX1, weight: 1, max-connections: 2 }, { server: MBOX2, weight: 1 }"));
      for (int i = 0; i < 4; i++) {
        assertEquals(
            "MBOX2",
            greeting(),
            "MBOX1 holds 2 connections opened before the reload, its max-connections");
      }
      assertEquals(2, lab.member("MBOX1").get("current"));
    }
    VipLab.await(
        () -> lab.member("MBOX1").get("current").equals(0), "MBOX1's connections never closed");
    Map<String, Integer> spread = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      spread.merge(greeting(), 1, Integer::sum);
    }
    assertEquals(Map.of("MBOX1", 2, "MBOX2", 2), spread, "the reload's weights (1:1) apply");
  }

  @Test
  void anOperatorsDrainSurvivesAReload() throws Exception {
    lab.serve("MBOX1", "127.0.0.41", "MBOX2", "127.0.0.42");
    lab.start(plan("{ server: MBOX1, weight: 1 }, { server: MBOX2, weight: 1 }"));
    assertTrue(new EmbeddedStatus(lab.engine).act(SERVICE, "MBOX1", "drain"));

    lab.engine.reload(plan("{ server: MBOX1, weight: 3 }, { server: MBOX2, weight: 1 }"));
    assertEquals("drain", lab.member("MBOX1").get("admin"));
    assertEquals(3, lab.member("MBOX1").get("weight"), "the new weight applies");
    for (int i = 0; i < 4; i++) {
      assertEquals("MBOX2", greeting(), "the drained MBOX1 takes no new connection");
    }
  }

  @Test
  void aMemberThatMovesIsANewMember() throws Exception {
    lab.serve("MBOX1", "127.0.0.41", "MBOX1-NEW", "127.0.0.44", "MBOX2", "127.0.0.42");
    lab.start(plan("{ server: MBOX1, weight: 1 }, { server: MBOX2, weight: 1 }"));
    assertTrue(new EmbeddedStatus(lab.engine).act(SERVICE, "MBOX1", "drain"));

    lab.engine.reload(
        planAt("127.0.0.44", VIP, "{ server: MBOX1, weight: 1 }, { server: MBOX2, weight: 1 }"));
    assertEquals(
        "online", lab.member("MBOX1").get("admin"), "the plan changed the member's address");
    assertEquals("127.0.0.44", lab.member("MBOX1").get("address"));
    assertTrue(
        lab.log.contains(
            SERVICE
                + "/MBOX1 moved from 127.0.0.41 to 127.0.0.44: a new member, online; the drain"
                + " set before the reload is not carried over"),
        lab.log.toString());
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      names.add(greeting());
    }
    assertTrue(names.contains("MBOX1-NEW"), names.toString());
  }

  @Test
  void healthCountersSurviveAReload() throws Exception {
    lab.serve("MBOX1", "127.0.0.41", "MBOX2", "127.0.0.42");
    lab.start(plan("{ server: MBOX1, weight: 1 }, { server: MBOX2, weight: 1 }", NO_CHECK));
    // fall 3 (the default): one failed check before the reload and two after it take MBOX1 down
    lab.engine.services().get(SERVICE).backends().get(0).member().recordCheck(false, "refused");
    lab.engine.reload(plan("{ server: MBOX1, weight: 2 }, { server: MBOX2, weight: 1 }", NO_CHECK));
    Member mbox1 = lab.engine.services().get(SERVICE).backends().get(0).member();
    assertNull(mbox1.recordCheck(false, "refused"));
    assertEquals(Boolean.FALSE, mbox1.recordCheck(false, "refused"), "3 failures in a row");
  }

  @Test
  void aClientKeepsItsServerAcrossAReload() throws Exception {
    lab.serve("MBOX1", "127.0.0.41", "MBOX2", "127.0.0.42");
    String sticky = "persistence: source-ip";
    lab.start(plan("{ server: MBOX1, weight: 1 }, { server: MBOX2, weight: 1 }", CHECK, sticky));
    assertEquals("MBOX1", greeting("127.0.0.51"));
    assertEquals("MBOX2", greeting("127.0.0.50"));

    lab.engine.reload(
        plan("{ server: MBOX1, weight: 3 }, { server: MBOX2, weight: 1 }", CHECK, sticky));
    assertEquals("MBOX2", greeting("127.0.0.50"), "127.0.0.50 keeps MBOX2");
    assertEquals("MBOX1", greeting("127.0.0.51"), "127.0.0.51 keeps MBOX1");
  }

  @Test
  void aRemovedMembersOpenConnectionKeepsWorkingUntilClosed() throws Exception {
    lab.serve("MBOX1", "127.0.0.41", "MBOX2", "127.0.0.42");
    lab.start(plan("{ server: MBOX1, weight: 1 }, { server: MBOX2, weight: 100 }"));
    try (Held h = hold()) {
      assertEquals("MBOX2", h.name);

      lab.engine.reload(plan("{ server: MBOX1, weight: 1 }"));
      assertTrue(
          lab.log.contains(
              SERVICE + "/MBOX2 left the pool: its 1 open connection(s) finish, it takes no new"),
          lab.log.toString());
      for (int i = 0; i < 4; i++) {
        assertEquals("MBOX1", greeting(), "MBOX2 is out of the pool");
      }
      OutputStream out = h.socket.getOutputStream();
      out.write("still here\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      h.socket.shutdownOutput();
      assertEquals("echo still here", h.in.readLine(), "the removed member's connection works");
      assertEquals("bye MBOX2", h.in.readLine());
    }
  }

  @Test
  void aListenerKeptByAReloadIsNamedOnceAndIPv6Bracketed() throws Exception {
    lab.serve("MBOX1", "127.0.0.41");
    lab.start(planAt("127.0.0.41", "::1", "{ server: MBOX1 }"));
    assertEquals(List.of(SERVICE + ": listening on [::1]:" + PORT), lab.log);
    lab.engine.reload(planAt("127.0.0.41", "::1", "{ server: MBOX1, weight: 5 }"));
    assertEquals(1, lab.log.size(), "the listener stays: " + lab.log);
    assertEquals("MBOX1", greeting(null, "::1"));
  }
}
