package dev.lbc.runtime.engine;

import static dev.lbc.runtime.engine.VipLab.NO_CHECK;
import static dev.lbc.runtime.engine.VipLab.SERVICE;
import static dev.lbc.runtime.engine.VipLab.hold;
import static dev.lbc.runtime.engine.VipLab.plan;
import static dev.lbc.runtime.engine.VipLab.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.runtime.engine.VipLab.Held;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failed connections are seen: counted per service and member in the status, and logged once per
 * kind (then summarized), whether the server resets, the client resets or the checks fail.
 */
class ConnectionErrorsTest {
  private final VipLab lab = new VipLab();

  @AfterEach
  void stop() throws Exception {
    lab.close();
  }

  @Test
  void serverResetsAreCountedInTheStatusAndLoggedOnce() throws Exception {
    lab.resetAfterALine("127.0.0.43");
    lab.start(plan("{ server: MBOX3 }", NO_CHECK));
    for (int i = 0; i < 10; i++) {
      assertNull(send("hello"), "the server reset the connection");
    }
    VipLab.await(
        () -> lab.service().get("serverErrors").equals(10L), "server errors: " + lab.service());
    assertEquals(10L, lab.member("MBOX3").get("serverErrors"));
    assertEquals(0L, lab.service().get("clientErrors"));
    List<String> lines =
        lab.log.stream().filter(l -> l.startsWith(SERVICE + "/MBOX3: server connection")).toList();
    assertEquals(1, lines.size(), "one line for the first, the rest in a summary: " + lab.log);
  }

  @Test
  void serverResetsInHttpModeAreCounted() throws Exception {
    lab.resetAfterALine("127.0.0.43");
    lab.start(plan("{ server: MBOX3 }", NO_CHECK, "protocol: http"));
    assertNull(send("GET / HTTP/1.1\r\nHost: x"), "the server reset the connection");
    VipLab.await(
        () -> lab.service().get("serverErrors").equals(1L), "server errors: " + lab.service());
    assertEquals(1L, lab.member("MBOX3").get("serverErrors"));
  }

  @Test
  void clientResetsAreCounted() throws Exception {
    lab.serve("MBOX1", "127.0.0.41");
    lab.start(plan("{ server: MBOX1 }"));
    for (int i = 0; i < 3; i++) {
      Held h = hold();
      h.socket.setSoLinger(true, 0); // close sends RST
      h.close();
    }
    VipLab.await(
        () -> lab.service().get("clientErrors").equals(3L), "client errors: " + lab.service());
    assertTrue(
        lab.log.stream()
            .anyMatch(l -> l.startsWith(SERVICE + ": client connection error: Connection reset")),
        lab.log.toString());
  }

  @Test
  void failedConnectsAreCountedOnTheMember() throws Exception {
    lab.serve("MBOX1", "127.0.0.41");
    // nothing listens for MBOX3, still UP for want of a check: its connects fail over to MBOX1
    lab.start(plan("{ server: MBOX3, weight: 100 }, { server: MBOX1, weight: 1 }", NO_CHECK));
    assertEquals("MBOX1", VipLab.greeting());
    assertEquals(1L, lab.member("MBOX3").get("connectErrors"));
    assertEquals(1L, lab.service().get("connectErrors"));
    assertTrue(
        lab.log.stream().anyMatch(l -> l.startsWith(SERVICE + "/MBOX3: failed connect: ")),
        lab.log.toString());
  }

  @Test
  void failedChecksAreCounted() throws Exception {
    lab.serve("MBOX1", "127.0.0.41");
    lab.start(plan("{ server: MBOX1 }, { server: MBOX3 }")); // nothing listens for MBOX3
    VipLab.await(() -> lab.member("MBOX3").get("state").equals("DOWN"), "MBOX3 never DOWN");
    assertTrue((Long) lab.member("MBOX3").get("checkFailures") >= 2, lab.member("MBOX3") + "");
    assertEquals(0L, lab.member("MBOX1").get("checkFailures"));
  }
}
