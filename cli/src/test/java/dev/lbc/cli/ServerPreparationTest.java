package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.backends.docs.RunbookBackend;
import dev.lbc.backends.exchange.ExchangeBackend;
import dev.lbc.backends.windows.ServerScriptsBackend;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.spi.Backend.GeneratedFile;
import dev.lbc.testsupport.Lbc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code servers/<name>/prepare.ps1} sets on each server, for a deployment of every mode, as a
 * pair and as a single appliance (issue 11 §1): the TCP keep-alive on every server, the default
 * gateway where replies must return through the appliance (NAT, TPROXY), the loopback adapter's
 * bindings (DR), and IIS logging of X-Forwarded-For on the servers of a service that inserts it.
 * The assertions read the script's settings block, the values an engineer checks before running it.
 */
class ServerPreparationTest {
  /**
   * A deployment in {@code mode}. SNAT and DR servers share the VIP's subnet; NAT and TPROXY are
   * two-arm, the servers behind eth1 on 10.0.0.0/24. MBOX1 and MBOX2 serve HTTPS (with
   * X-Forwarded-For in SNAT), MBOX3 serves SMTP only. The pair's servers name no gateway (the plan
   * decides it); the single appliance's name its own address, as the guides allow.
   */
  static String deployment(String mode, boolean pair, String keepalive) {
    boolean twoArm = mode.equals("nat") || mode.equals("tproxy");
    String net = twoArm ? "10.0.0." : "192.168.30.";
    String gateway = twoArm && !pair ? ", gateway: 10.0.0.5" : "";
    boolean http = mode.equals("snat");
    return "lbc: 1\n"
        + "name: prep-"
        + mode
        + "\n"
        + "exchange: 2016\n"
        + "auth: ntlm\n"
        + (keepalive == null ? "" : "servers-tcp-keepalive: " + keepalive + "\n")
        + "appliances:\n"
        + "  primary: { hostname: lb1, address: 192.168.30.5/24 }\n"
        + (pair ? "  secondary: { hostname: lb2, address: 192.168.30.6/24 }\n" : "")
        + (twoArm && pair ? "  floating-ips: [10.0.0.1/24]\n" : "")
        + (twoArm
            ? "  interfaces:\n    - { name: eth1, address: 10.0.0.5/24"
                + (pair ? ", secondary-address: 10.0.0.6/24" : "")
                + " }\n"
            : "")
        + "servers:\n"
        + "  - { name: MBOX1, address: "
        + net
        + "20"
        + gateway
        + " }\n"
        + "  - { name: MBOX2, address: "
        + net
        + "21"
        + gateway
        + " }\n"
        + "  - { name: MBOX3, address: "
        + net
        + "22"
        + gateway
        + " }\n"
        + "namespaces:\n"
        + "  - { host: mail.example.com, service: MBOX-HTTPS, purpose: [owa, rpc] }\n"
        + "services:\n"
        + "  - name: MBOX-HTTPS\n"
        + "    vip: 192.168.30.10\n"
        + "    ports: [443]\n"
        + "    mode: "
        + mode
        + "\n"
        + (http
            ? "    layer: 7\n    protocol: http\n    ssl: { offload: Cert, reencrypt: true }\n"
                + "    x-forwarded-for: true\n"
            : "")
        + "    real-servers: [{ server: MBOX1 }, { server: MBOX2 }]\n"
        + "  - name: MBOX-SMTP\n"
        + "    vip: 192.168.30.10\n"
        + "    ports: [25]\n"
        + "    mode: "
        + mode
        + "\n"
        + "    lockdown: { allow: [192.168.30.50-192.168.30.60, 172.16.0.0/16] }\n"
        + "    real-servers: [{ server: MBOX3 }]\n"
        + (http ? "certificates:\n  - { name: Cert, pem: certs/exchange.pem }\n" : "");
  }

  static Map<String, String> scripts(Plan plan) {
    Map<String, String> out = new LinkedHashMap<>();
    for (GeneratedFile f : new ServerScriptsBackend().renderDeployment(plan)) {
      out.put(f.path(), f.text());
    }
    return out;
  }

  /** The {@code $Name = value} lines of a script's settings block. */
  static Map<String, String> settings(String script) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^\\$([A-Za-z]+) = (.+)$").matcher(script);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}, pair {1}")
  @CsvSource({
    "snat, true, ,",
    "snat, false, ,",
    "dr, true, ,",
    "dr, false, ,",
    "nat, true, 10.0.0.1,",
    "nat, false, 10.0.0.5,",
    "tproxy, true, 10.0.0.1,",
    "tproxy, false, 10.0.0.5,",
  })
  void everyServerGetsTheSettingsItsServicesNeed(String mode, boolean pair, String gateway) {
    Map<String, String> files = scripts(Lbc.plan(deployment(mode, pair, null)));
    for (String server : List.of("MBOX1", "MBOX2", "MBOX3")) {
      String script = files.get("servers/" + server + "/prepare.ps1");
      assertNotNull(script, server + " has a prepare.ps1 in " + mode + ": " + files.keySet());
      Map<String, String> s = settings(script);
      assertEquals("1800000", s.get("KeepAliveTimeMs"), server + ": 30 minutes by default");
      assertTrue(script.contains("Tcpip\\Parameters"), script);
      assertEquals(gateway == null ? null : "'" + gateway + "'", s.get("Gateway"), server);
      assertEquals(gateway != null, script.contains("New-NetRoute"), server + " gateway code");
      boolean dr = mode.equals("dr");
      assertEquals(dr ? "@('ms_tcpip', 'ms_tcpip6')" : null, s.get("KeepBindings"), server);
      assertEquals(dr, script.contains("Disable-NetAdapterBinding"), server + " binding code");
      boolean xff = mode.equals("snat") && !server.equals("MBOX3");
      assertEquals(xff, script.contains("'X-Forwarded-For'"), server + " XFF logging");
      assertEquals(dr, files.containsKey("servers/" + server + "/prepare.cmd"), server + " cmd");
    }
  }

  @Test
  void whatIfBeforeTheLoopbackAdapterExistsListsTheChangesInsteadOfStopping() {
    String ps1 = scripts(Lbc.plan(deployment("dr", true, null))).get("servers/MBOX1/prepare.ps1");
    // Under -WhatIf the adapter is neither installed nor renamed, so a query by its name finds
    // nothing; with $ErrorActionPreference = 'Stop' such a query ends the preview half-way.
    Matcher m = Pattern.compile("(?m)^.*Get-Net\\w+ -[^\n]*\\$LoopbackAdapter\\b.*$").matcher(ps1);
    int queries = 0;
    while (m.find()) {
      queries++;
      assertTrue(m.group().contains("-ErrorAction SilentlyContinue"), m.group());
    }
    assertEquals(5, queries, ps1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"15m, 900000", "20m, 1200000", "30m, 1800000", "1h, 3600000"})
  void theKeepAliveIsTheDeploymentsOwn(String written, String millis) {
    Map<String, String> files = scripts(Lbc.plan(deployment("snat", true, written)));
    assertEquals(millis, settings(files.get("servers/MBOX3/prepare.ps1")).get("KeepAliveTimeMs"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"dr", "nat", "snat", "tproxy"})
  void drScriptsTurnOffIpv4DadAndTheCmdPointsAtThePs1ForBindings(String mode) {
    Map<String, String> files = scripts(Lbc.plan(deployment(mode, true, null)));
    String cmd = files.get("servers/MBOX1/prepare.cmd");
    if (!mode.equals("dr")) {
      assertNull(cmd);
      return;
    }
    assertTrue(cmd.contains("netsh interface ipv4 set interface \"loopback\" dadtransmits=0"), cmd);
    assertTrue(cmd.contains("prepare.ps1"), "the cmd points to the ps1 for what netsh cannot do");
    String ps1 = files.get("servers/MBOX1/prepare.ps1");
    assertFalse(ps1.contains("$family -eq 'IPv6' -and $loop.DadTransmits"), ps1);
  }

  @ParameterizedTest(name = "{0}, auth {1}")
  @CsvSource({
    "dr, ntlm, Ntlm, true",
    "tproxy, negotiate, Negotiate, true",
    "snat, ntlm, Ntlm, false"
  })
  void configureExchangeScopesRelayAndFollowsAuth(
      String mode, String auth, String method, boolean connector) {
    String yaml = deployment(mode, true, null).replace("auth: ntlm", "auth: " + auth);
    String ps = new ExchangeBackend().renderDeployment(Lbc.plan(yaml)).get(0).text();
    assertTrue(ps.contains("-ExternalClientAuthenticationMethod " + method + " "), ps);
    assertTrue(ps.contains("-InternalClientAuthenticationMethod " + method + " "), ps);
    assertEquals(connector, ps.contains("New-ReceiveConnector"), ps);
    if (connector) {
      assertTrue(ps.contains("'lbc relay prep-" + mode + "'"), ps);
      assertTrue(ps.contains("'192.168.30.50-192.168.30.60', '172.16.0.0/16'"), ps);
      assertTrue(ps.contains("-TransportRole FrontendTransport"), ps);
    }
    assertFalse(ps.contains("X-Forwarded-For"), "XFF logging is in each server's prepare.ps1");
    // the RUNBOOK's step for this script names the connector exactly when the script makes it
    String runbook =
        new dev.lbc.backends.docs.RunbookBackend().renderDeployment(Lbc.plan(yaml)).get(0).text();
    assertEquals(connector, runbook.contains("the relay receive connector"), runbook);
  }

  @ParameterizedTest(name = "{0}, pair {1}")
  @CsvSource({
    "snat, true, 7",
    "snat, false, 7",
    "dr, true, 4",
    "dr, false, 4",
    "nat, true, 4",
    "nat, false, 4",
    "tproxy, true, 7",
    "tproxy, false, 7"
  })
  void theRunbookShowsWhereToWatchAndWhatToSetOnEachAppliance(
      String mode, boolean pair, int layer) {
    Plan plan = Lbc.plan(deployment(mode, pair, null));
    String book = new RunbookBackend().renderDeployment(plan).get(0).text();
    assertEquals(layer == 4, book.contains("ipvsadm -Ln"), book);
    assertEquals(layer == 4, book.contains("journalctl -u keepalived"), book);
    if (layer == 4) {
      // The expected IPVS table: MBOX1 (taken out) gone, MBOX2 left, forwarded as the mode does.
      String net = mode.equals("nat") ? "10.0.0." : "192.168.30.";
      String forward = mode.equals("dr") ? "Route" : "Masq";
      assertTrue(book.matches("(?s).*-> " + net + "21:443 +" + forward + " +100 .*"), book);
      assertFalse(book.contains("-> " + net + "20:443"), book);
      assertTrue(book.contains("Removing service [" + net + "20]:tcp:443"), book);
    } else {
      assertTrue(book.contains("the statistics page shows it DOWN"), book);
    }
    assertTrue(book.contains("Test-Mailflow"), book);
    assertTrue(book.contains("testconnectivity.microsoft.com"), book);
    assertTrue(book.contains("New-SendConnector"), book);
    assertTrue(book.contains("servers/MBOX3/prepare.ps1"), book);
    assertTrue(book.contains("`lb1`"), book);
    assertEquals(pair, book.contains("`lb2`"), book);
    assertEquals(
        mode.equals("snat"), book.contains("every connection comes from the appliance"), book);
    if (mode.equals("nat") || mode.equals("tproxy")) {
      assertTrue(book.contains("default gateway"), book);
    }
  }
}
