package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Service;
import org.junit.jupiter.api.Test;

/**
 * A span looked up by a key the schema does not give that kind of node is a bug in the rule that
 * asks: in tests it fails loudly instead of falling back to the node's span.
 */
class SourceKeysTest {
  private static final Deployment MODEL = Lbc.yaml(Lbc.VALID_YAML).model();
  private static final Service SERVICE = MODEL.services().get(0);

  @Test
  void aKeyOfAnotherKindOfNodeFails() {
    // "port" belongs to a real server; a service has "ports"
    AssertionError e = assertThrows(AssertionError.class, () -> SERVICE.src().of("port"));
    assertTrue(e.getMessage().contains("port"), e.getMessage());
    assertThrows(AssertionError.class, () -> SERVICE.src().key("prot"));
    assertThrows(AssertionError.class, () -> SERVICE.src().item("port", 0));
    assertThrows(AssertionError.class, () -> SERVICE.src().has("vips"));
    assertThrows(AssertionError.class, () -> MODEL.appliances().src().of("hostname"));
    assertThrows(AssertionError.class, () -> SERVICE.realServers().get(0).src().of("ports"));
  }

  @Test
  void everySchemaKeyOfTheNodeIsAccepted() {
    assertTrue(SERVICE.src().has("ports"));
    // written or not, a key of the node's kind is fine: unwritten ones fall back to the node
    assertFalse(SERVICE.src().has("persistence"));
    assertEquals(SERVICE.src().node(), SERVICE.src().of("persistence"));
    assertEquals(SERVICE.src().node(), SERVICE.timeouts().src().of("client"));
    assertEquals(
        SERVICE.realServers().get(0).src().node(), SERVICE.realServers().get(0).src().of("port"));
    MODEL.appliances().primary().src().of("interface");
    MODEL.servers().get(0).adapters().src().of("loopback");
    MODEL.tuning().src().of("request-buffer");
  }
}
