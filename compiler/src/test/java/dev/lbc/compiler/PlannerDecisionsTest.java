package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.model.Vdir;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.plan.Plan.VdirPlan;
import dev.lbc.compiler.plan.Plan.VirtualAddress;
import dev.lbc.compiler.plan.Planner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the planner decides so that no backend or engine decides it again: where each appliance
 * brings each VIP up, the port each member is checked on, whether balancing is weighted, and the
 * default health check that LBC203 also suggests.
 */
class PlannerDecisionsTest {
  private static final String APPLIANCES =
      """
      lbc: 1
      name: demo
      exchange: 2016
      appliances:
        primary: { hostname: lb1, address: 192.168.30.5/24, interface: eth0 }
        secondary: { hostname: lb2, address: 192.168.30.6/24, interface: ens192 }
        floating-ips: [10.0.0.1/24]
        interfaces:
          - { name: eth1, address: 10.0.0.5/24, secondary-address: 10.0.0.6/24 }
        admin-password: ${env:LB_ADMIN_PASSWORD}
      servers:
        - { name: MBOX1, address: 10.0.0.20 }
        - { name: MBOX2, address: 10.0.0.21 }
      services:
      """;

  private static CompileResult compile(String services) {
    CompileResult r = Lbc.yaml(APPLIANCES + services);
    assertNotNull(r.model(), r.diagnostics().toString());
    return r;
  }

  private static Plan plan(String services) {
    return Planner.plan(compile(services).model(), "t.yaml");
  }

  @Test
  void eachApplianceBringsEachVipUpOnTheInterfaceAndPrefixOfItsNetwork() {
    Plan plan =
        plan(
            """
              - { name: CLIENT-SIDE, vip: 192.168.30.10, ports: [443], mode: snat, real-servers: [{ server: MBOX1 }] }
              - { name: SERVER-SIDE, vip: 10.0.0.10, ports: [25], mode: snat, real-servers: [{ server: MBOX1 }] }
              - { name: ELSEWHERE, vip: 172.16.0.10, ports: [143], mode: snat, real-servers: [{ server: MBOX1 }] }
              - { name: SAME-VIP, vip: 192.168.30.10, ports: [587], mode: snat, real-servers: [{ server: MBOX1 }] }
            """);
    AppliancePlan lb1 = plan.primary();
    AppliancePlan lb2 = plan.peerOf(lb1);
    assertEquals(
        List.of(
            "192.168.30.10/24 eth0",
            "10.0.0.10/24 eth1",
            "172.16.0.10/32 eth0",
            "10.0.0.1/24 eth1"),
        placed(lb1),
        "the primary: each VIP once, then the floating IP");
    assertEquals(
        List.of(
            "192.168.30.10/24 ens192",
            "10.0.0.10/24 eth1",
            "172.16.0.10/32 ens192",
            "10.0.0.1/24 eth1"),
        placed(lb2),
        "the secondary names its own main interface");
  }

  private static List<String> placed(AppliancePlan a) {
    return a.virtualAddresses().stream()
        .map((VirtualAddress v) -> v.address().text() + "/" + v.prefix() + " " + v.iface())
        .toList();
  }

  @Test
  void layer7ChecksEachMemberOnceLayer4ChecksEachVirtualServer() {
    Plan plan =
        plan(
            """
              - { name: L7, vip: 192.168.30.10, ports: [143, 993], mode: snat, real-servers: [{ server: MBOX1 }, { server: MBOX2, port: 1143 }] }
              - { name: L4, vip: 192.168.30.11, ports: [143, 993], mode: dr, real-servers: [{ server: MBOX1 }] }
              - { name: FIXED, vip: 192.168.30.12, ports: [443], mode: snat, real-servers: [{ server: MBOX1, port: 8443 }] }
            """);
    ServicePlan l7 = plan.services().get(0);
    MemberPlan keeps = l7.members().get(0);
    MemberPlan fixed = l7.members().get(1);
    assertEquals(143, l7.checkPort(keeps, 993), "a member keeping the client's port: the first");
    assertEquals(143, l7.checkPort(fixed, 993), "one check port for every member of the server");
    ServicePlan l4 = plan.services().get(1);
    assertEquals(993, l4.checkPort(l4.members().get(0), 993), "IPVS checks where it forwards");
    assertEquals(143, l4.checkPort(l4.members().get(0), 143));
    ServicePlan own = plan.services().get(2);
    assertEquals(8443, own.checkPort(own.members().get(0), 443), "the member's own port");
    assertEquals(8443, own.members().get(0).portFor(443));
    assertEquals(993, keeps.portFor(993), "no port: the client's");
  }

  @Test
  void balancingIsWeightedOnlyForTheWeightedAlgorithms() {
    Plan plan =
        plan(
            """
              - { name: DEFAULT, vip: 192.168.30.10, ports: [25], mode: snat, real-servers: [{ server: MBOX1 }] }
              - { name: RR, vip: 192.168.30.11, ports: [25], mode: snat, balance: round-robin, real-servers: [{ server: MBOX1 }] }
              - { name: LC, vip: 192.168.30.12, ports: [25], mode: snat, balance: least-connection, real-servers: [{ server: MBOX1 }] }
              - { name: WLC, vip: 192.168.30.13, ports: [25], mode: snat, balance: weighted-least-connection, real-servers: [{ server: MBOX1 }] }
            """);
    List<ServicePlan> s = plan.services();
    assertTrue(s.get(0).weighted() && !s.get(0).leastConnection(), "weighted round robin");
    assertFalse(s.get(1).weighted() || s.get(1).leastConnection(), "round robin");
    assertTrue(!s.get(2).weighted() && s.get(2).leastConnection(), "least connection");
    assertTrue(s.get(3).weighted() && s.get(3).leastConnection(), "weighted least connection");
  }

  @Test
  void theDefaultCheckFollowsThePortAndTheOffload() {
    CompileResult r =
        compile(
            """
              - { name: HTTPS, vip: 192.168.30.10, ports: [443], mode: snat, real-servers: [{ server: MBOX1 }] }
              - { name: OFFLOAD, vip: 192.168.30.11, ports: [443], mode: snat, protocol: http, ssl: { offload: c }, real-servers: [{ server: MBOX1, port: 80 }] }
              - { name: REENCRYPT, vip: 192.168.30.12, ports: [443], mode: snat, protocol: http, ssl: { offload: c, reencrypt: true }, real-servers: [{ server: MBOX1 }] }
              - { name: SMTP, vip: 192.168.30.13, ports: [25], mode: snat, real-servers: [{ server: MBOX1 }] }
              - { name: IMAP, vip: 192.168.30.14, ports: [143], mode: snat, real-servers: [{ server: MBOX1 }] }
              - { name: REDIRECT, vip: 192.168.30.10, ports: [80], mode: snat, protocol: http, redirect: https, health-check: { type: tcp-connect } }
            certificates:
              - { name: c, pem: c.pem }
            """);
    List<CheckType> expected =
        List.of(
            CheckType.HTTPS_GET,
            CheckType.HTTP_GET,
            CheckType.HTTPS_GET,
            CheckType.SMTP_BANNER,
            CheckType.TCP_CONNECT,
            CheckType.NONE);
    Plan plan = Planner.plan(r.model(), "t.yaml");
    for (int i = 0; i < expected.size(); i++) {
      Service s = r.model().services().get(i);
      assertEquals(expected.get(i), Planner.defaultCheck(s).type(), s.name());
      assertEquals(Planner.defaultCheck(s).type(), plan.services().get(i).check().type(), s.name());
    }
    assertEquals("/owa/healthcheck.htm", plan.services().get(0).check().path());
  }

  @Test
  void eachVdirGetsItsOwnBackendCheckAndTimeouts() {
    Plan plan =
        plan(
            """
              - name: OFFLOAD
                vip: 192.168.30.11
                ports: [443]
                mode: snat
                protocol: http
                ssl: { offload: c }
                health-check: { type: http-get, path: /ecp/healthcheck.htm, interval: 500ms, rise: 3, fall: 4 }
                timeouts: { client: 40m }
                vdirs: [activesync, owa]
                vdir-timeouts: { activesync: { server: 60m } }
                real-servers: [{ server: MBOX1, port: 80 }]
            certificates:
              - { name: c, pem: c.pem }
            namespaces:
              - { host: mail.example.com, service: OFFLOAD, purpose: [owa] }
            """);
    ServicePlan s = plan.services().get(0);
    assertEquals("/ecp/healthcheck.htm", s.check().path(), "the default pool keeps its check");
    assertEquals(
        List.of(Vdir.ACTIVESYNC, Vdir.OWA), s.vdirs().stream().map(VdirPlan::vdir).toList());
    VdirPlan eas = s.vdirs().get(0);
    assertEquals("OFFLOAD-activesync", eas.backendName());
    assertEquals("/Microsoft-Server-ActiveSync/healthcheck.htm", eas.check().path());
    assertEquals(CheckType.HTTP_GET, eas.check().type(), "the members speak HTTP after offload");
    assertEquals(200, eas.check().expect());
    assertEquals(500, eas.check().intervalMs());
    assertEquals(3, eas.check().rise());
    assertEquals(4, eas.check().fall());
    assertEquals("mail.example.com", eas.check().host());
    assertEquals(40 * 60_000L, eas.clientTimeoutMs(), "unwritten: the service's");
    assertEquals(60 * 60_000L, eas.serverTimeoutMs(), "written for the vdir");
    VdirPlan owa = s.vdirs().get(1);
    assertEquals("OFFLOAD-owa", owa.backendName());
    assertEquals(Planner.DEFAULT_TIMEOUT_MS, owa.serverTimeoutMs(), "the service's default, 30m");
    assertEquals(owa, s.vdirFor("/OWA/auth/logon.aspx?x=1"));
    assertEquals(owa, s.vdirFor("/owa"));
    assertEquals(owa, s.vdirFor("/owa?x=1"));
    assertEquals(null, s.vdirFor("/owash"), "a segment boundary");
    assertEquals(null, s.vdirFor("/ews/exchange.asmx"), "unlisted: the default pool");
    assertEquals(eas, s.vdirFor("/microsoft-server-activesync?Cmd=Ping"));
  }

  /** The gateway of each server, by name; null where the plan leaves it alone. */
  private static java.util.Map<String, String> gateways(Plan plan) {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    plan.servers().forEach(s -> out.put(s.name(), s.gateway() == null ? null : s.gateway().text()));
    return out;
  }

  @Test
  void natAndTproxyServersGetTheWrittenGatewayElseTheFloatingIp() {
    String yaml =
        APPLIANCES.replace(
                "- { name: MBOX2, address: 10.0.0.21 }",
                "- { name: MBOX2, address: 10.0.0.21, gateway: 10.0.0.9 }\n"
                    + "  - { name: MBOX3, address: 10.0.0.22 }")
            + """
              - { name: NAT, vip: 192.168.30.10, ports: [443], mode: nat, real-servers: [{ server: MBOX1 }, { server: MBOX2 }] }
              - { name: WEB, vip: 192.168.30.11, ports: [443], mode: snat, real-servers: [{ server: MBOX3 }] }
            """;
    Plan plan = Planner.plan(Lbc.yaml(yaml).model(), "t.yaml");
    assertEquals("10.0.0.1", gateways(plan).get("MBOX1"), "the floating IP on its network");
    assertEquals("10.0.0.9", gateways(plan).get("MBOX2"), "what is written wins");
    assertEquals(null, gateways(plan).get("MBOX3"), "SNAT only: left alone");
  }

  @Test
  void aSingleApplianceIsItsServersGatewayOnTheirNetwork() {
    String yaml =
        APPLIANCES
                .replace(
                    "  secondary: { hostname: lb2, address: 192.168.30.6/24, interface: ens192 }\n",
                    "")
                .replace("  floating-ips: [10.0.0.1/24]\n", "")
                .replace(", secondary-address: 10.0.0.6/24", "")
            + """
              - { name: TP, vip: 192.168.30.10, ports: [443], mode: tproxy, real-servers: [{ server: MBOX1 }] }
            """;
    CompileResult r = Lbc.yaml(yaml);
    assertNotNull(r.model(), r.diagnostics().toString());
    Plan plan = Planner.plan(r.model(), "t.yaml");
    assertFalse(plan.isHaPair());
    assertEquals("10.0.0.5", gateways(plan).get("MBOX1"), "the appliance's own eth1 address");
  }

  @Test
  void aPairWithoutAFloatingIpOnTheServersNetworkDecidesNoGateway() {
    String yaml =
        APPLIANCES.replace("  floating-ips: [10.0.0.1/24]\n", "")
            + """
              - { name: NAT, vip: 192.168.30.10, ports: [443], mode: nat, real-servers: [{ server: MBOX1 }] }
            """;
    Plan plan = Planner.plan(Lbc.yaml(yaml).model(), "t.yaml");
    assertEquals(null, gateways(plan).get("MBOX1"), "never an address the secondary lacks");
  }
}
