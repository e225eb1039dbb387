package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.testsupport.Lbc;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lab run maps an IPv6 deployment onto IPv4 loopback addresses: the plan must follow. */
class PlanMappingTest {
  private static final Plan V6 =
      Lbc.plan(
          """
          lbc: 1
          name: v6
          exchange: 2019
          appliances:
            primary: { hostname: lb1, address: 2001:db8:30::5/64 }
            admin-password: ${env:LB_ADMIN_PASSWORD}
          servers:
            - { name: MBOX1, address: "2001:db8:30::20" }
          services:
            - name: S
              vip: "2001:db8:30::10"
              ports: [443]
              mode: snat
              lockdown: { allow: ["2001:db8:30::50", "2001:db8:99::/48"] }
              real-servers: [{ server: MBOX1, port: 443 }]
          """);

  private static final BindMap LAB =
      BindMap.parse(
          List.of(
              "2001:db8:30::10=127.0.0.10",
              "2001:db8:30::20=127.0.0.20",
              "2001:db8:30::50=127.0.0.50",
              "2001:db8:30::5=127.0.0.5"));

  @Test
  void anIpv6VipMappedToIpv4IsIpv4() {
    ServicePlan s = PlanMapping.map(V6, LAB).services().get(0);
    assertEquals("127.0.0.10", s.vip().text());
    assertFalse(s.vip().isV6(), "the mapped VIP is an IPv4 address, bound as one");
    assertFalse(s.members().get(0).address().isV6(), "the mapped member is an IPv4 address");
  }

  @Test
  void everyAddressOfThePlanIsMapped() {
    Plan mapped = PlanMapping.map(V6, LAB);
    assertEquals("127.0.0.5", mapped.primary().address().text());
    assertEquals("127.0.0.10", mapped.primary().virtualAddresses().get(0).address().text());
    assertEquals(
        List.of("127.0.0.50", "2001:db8:99::/48"),
        mapped.services().get(0).allow().stream().map(r -> r.text()).toList());
  }
}
