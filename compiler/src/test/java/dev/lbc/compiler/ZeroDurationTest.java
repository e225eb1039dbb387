package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A zero duration is never what the author meant: HAProxy refuses {@code inter 0}, and a zero
 * timeout means no timeout at all. Both are LBC002 at the value, in YAML and the DSL, with the
 * reason; the smallest non-zero values still compile.
 */
class ZeroDurationTest {
  private static String yaml(String check, String timeouts) {
    return Lbc.VALID_YAML.replace(
        "real-servers: [{ server: MBOX1 }] }",
        "health-check: { type: tcp-connect"
            + check
            + " }, timeouts: {"
            + timeouts
            + " }, real-servers: [{ server: MBOX1 }] }");
  }

  private static String dsl(String items) {
    return "deployment demo exchange 2016 {\n"
        + "  appliance lb1 192.168.30.5/24 primary\n"
        + "  server MBOX1 192.168.30.20\n"
        + "  service S 192.168.30.10:443 snat {\n"
        + items
        + "    real MBOX1\n"
        + "  }\n"
        + "}\n";
  }

  private static Diagnostic only(CompileResult r) {
    assertEquals(List.of("LBC002"), Lbc.codes(r), r.diagnostics().toString());
    return r.diagnostics().get(0);
  }

  @Test
  void aZeroCheckIntervalIsRefusedWithTheReason() {
    Diagnostic d = only(Lbc.yaml(yaml(", interval: 0s", " client: 30m")));
    assertEquals(9, d.span().line());
    assertTrue(d.message().contains("`interval`") && d.message().contains("inter 0"), d.message());
    Diagnostic inDsl = only(Lbc.dsl(dsl("    check tcp-connect interval 0ms\n")));
    assertEquals(5, inDsl.span().line());
    assertEquals(32, inDsl.span().column());
    assertTrue(inDsl.message().contains("inter 0"), inDsl.message());
  }

  @Test
  void aZeroTimeoutIsRefusedBecauseItMeansNoTimeout() {
    for (String field : List.of("client", "server")) {
      Diagnostic d = only(Lbc.yaml(yaml("", " " + field + ": 0ms")));
      assertTrue(d.message().startsWith("invalid `" + field + "`"), d.message());
      assertTrue(d.message().contains("no timeout"), d.message());
      assertTrue(d.message().contains("never"), d.message());
      assertTrue(d.message().contains("30m"), d.message());
      Diagnostic inDsl = only(Lbc.dsl(dsl("    timeouts " + field + " 0s\n")));
      assertEquals(5, inDsl.span().line());
      assertTrue(inDsl.message().contains("no timeout"), inDsl.message());
    }
  }

  @Test
  void theSmallestNonZeroDurationsStillCompile() {
    assertEquals(
        List.of(), Lbc.codes(Lbc.yaml(yaml(", interval: 1ms", " client: 1ms, server: 1s"))));
    assertEquals(
        List.of(),
        Lbc.codes(Lbc.dsl(dsl("    check tcp-connect interval 1s\n    timeouts client 1ms\n"))));
  }
}
