package dev.lbc.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.plan.Plan;
import org.junit.jupiter.api.Test;

class LbcTest {
  private static final String YAML =
      """
      lbc: 1
      name: demo
      exchange: 2016
      appliances:
        primary: { hostname: lb1, address: 192.168.30.5/24 }
      servers:
        - { name: MBOX1, address: 192.168.30.20 }
      services:
        - { name: S, vip: 192.168.30.10, ports: [443], mode: snat, real-servers: [{ server: MBOX1 }] }
      """;

  @Test
  void aDeploymentIsPlanned() {
    Plan plan = Lbc.plan(YAML);
    assertEquals("demo", plan.name());
    assertEquals("S", plan.services().get(0).name());
  }

  @Test
  void aDeploymentThatDoesNotCompileFailsWithItsDiagnostics() {
    AssertionError e =
        assertThrows(AssertionError.class, () -> Lbc.plan(YAML.replace("exchange: 2016", "")));
    assertTrue(e.getMessage().contains("LBC"), e.getMessage());
  }
}
