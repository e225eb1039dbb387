package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trailing {@code # lbc-disable} is found wherever the reader sees a comment (ADR 0022): in the
 * DSL a '#' outside a string starts one even glued to a word, so such a directive is not ignored.
 */
class TrailingSuppressionTest {
  private static final String HEAD =
      """
      deployment demo exchange se {
        appliance lb1 192.168.30.5/24 primary
        appliance lb2 192.168.30.6/24 secondary
        server MBOX1 192.168.30.20
        service S 192.168.30.10:443 snat {
      """;

  @Test
  void aHashGluedToAWordStartsADslDirective() {
    String text = HEAD + "    real MBOX9:443# lbc-disable LBC003 arrives next week\n  }\n}\n";
    assertEquals(List.of(), Lbc.codes(Lbc.dsl(text)));
  }
}
