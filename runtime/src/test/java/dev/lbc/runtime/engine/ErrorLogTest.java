package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A flood of errors makes a line per kind and window, not a line per error. */
class ErrorLogTest {
  private final List<String> log = new ArrayList<>();
  private final ErrorLog errors = new ErrorLog(log::add);

  @Test
  void theFirstIsLoggedTheRestSummarizedAndAQuietKindIsLoggedAgainAtOnce() {
    for (int i = 0; i < 1000; i++) {
      errors.record("SVC/M1", "server connection error", "Connection reset by peer " + i);
    }
    errors.record("SVC", "client connection error", "Connection reset by peer");
    assertEquals(
        List.of(
            "SVC/M1: server connection error: Connection reset by peer 0",
            "SVC: client connection error: Connection reset by peer"),
        log);

    log.clear();
    errors.flush();
    assertEquals(
        List.of(
            "SVC/M1: 999 more server connection errors in the last 10 s (last: Connection reset"
                + " by peer 999)"),
        log);

    log.clear();
    errors.record("SVC/M1", "server connection error", "Broken pipe");
    errors.flush(); // still in its burst: summarized
    assertEquals(
        List.of("SVC/M1: 1 more server connection error in the last 10 s (last: Broken pipe)"),
        log);

    log.clear();
    errors.flush(); // a quiet window
    errors.record("SVC/M1", "server connection error", "Connection refused");
    assertEquals(List.of("SVC/M1: server connection error: Connection refused"), log);
  }

  @Test
  void aReasonIsTheMessageOrTheTypeOfTheFirstCauseWithOne() {
    assertEquals("Broken pipe", ErrorLog.reason(new SocketException("Broken pipe")));
    assertEquals(
        "Connection reset",
        ErrorLog.reason(new RuntimeException(null, new SocketException("Connection reset"))));
    assertEquals("IllegalStateException", ErrorLog.reason(new IllegalStateException()));
  }

  @Test
  void theNativeTransportsSystemCallIsNotPartOfTheReason() {
    assertEquals(
        "Connection reset by peer",
        ErrorLog.reason(
            new java.io.IOException("recvAddress(..) failed: Connection reset by peer")));
    assertEquals(
        "Connection refused",
        ErrorLog.reason(new SocketException("connect(..) failed: Connection refused")));
  }
}
