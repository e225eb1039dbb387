package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.backends.haproxy.HaproxyBackend;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generated haproxy.cfg never lets two client connections share an authenticated server
 * connection, and never speaks HTTP/2: NTLM and Negotiate bind a logon to the TCP connection
 * (HAProxy issue 2985), and Exchange's authentication does not survive HTTP/2 multiplexing. Every
 * example is rendered, plus an HTTP-mode offload with re-encryption on two ports.
 */
class HaproxyConnectionSafetyTest {
  private static final String OFFLOAD =
      """
      lbc: 1
      name: offload
      exchange: 2016
      appliances:
        primary: { hostname: lb1, address: 192.168.30.5/24 }
        admin-password: ${env:LB_ADMIN_PASSWORD}
      certificates: [{ name: Cert, pem: certs/exchange.pem }]
      servers:
        - { name: MBOX1, address: 192.168.30.20 }
      services:
        - name: HTTPS
          vip: 192.168.30.10
          ports: [443, 4443]
          mode: snat
          protocol: http
          ssl: { offload: Cert, reencrypt: true }
          real-servers: [{ server: MBOX1, port: 443 }]
        - name: PLAIN
          vip: 192.168.30.10
          ports: [80]
          mode: snat
          protocol: http
          real-servers: [{ server: MBOX1, port: 80 }]
      """;

  @Test
  void everyHttpModeSectionNeverReusesServerConnections() throws IOException {
    Map<String, String> configs = configs();
    int httpSections = 0;
    for (var config : configs.entrySet()) {
      for (List<String> section : sections(config.getValue())) {
        if (section.contains("mode http")) {
          httpSections++;
          assertTrue(
              section.contains("http-reuse never"),
              config.getKey() + ": an HTTP-mode section without `http-reuse never`: " + section);
        }
      }
    }
    assertTrue(httpSections > configs.size(), "too few HTTP-mode sections seen: " + httpSections);
  }

  @Test
  void noListenerOrServerOffersHttp2() throws IOException {
    int tlsBinds = 0;
    for (var config : configs().entrySet()) {
      for (String line : config.getValue().lines().map(String::strip).toList()) {
        assertFalse(line.matches(".*\\balpn\\s+\\S*h2.*"), config.getKey() + ": " + line);
        if (line.startsWith("bind ") && line.contains(" ssl ")) {
          tlsBinds++;
          assertTrue(
              line.endsWith(" alpn http/1.1"),
              config.getKey() + ": a TLS listener must offer HTTP/1.1 only: " + line);
        }
        if (line.startsWith("server ")) {
          assertFalse(line.contains(" alpn "), config.getKey() + ": " + line);
        }
      }
    }
    assertTrue(tlsBinds >= 3, "too few TLS listeners seen: " + tlsBinds);
  }

  /** Every haproxy.cfg of every example and of {@link #OFFLOAD}, by where it comes from. */
  private static Map<String, String> configs() throws IOException {
    Map<String, String> yamls = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(Repo.root().resolve("examples"))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        yamls.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    yamls.put("offload", OFFLOAD);
    Map<String, String> configs = new LinkedHashMap<>();
    for (var yaml : yamls.entrySet()) {
      Plan plan = Lbc.plan(yaml.getValue());
      for (AppliancePlan a : plan.appliances()) {
        configs.put(
            yaml.getKey() + " " + a.hostname(), new HaproxyBackend().render(plan, a).get(0).text());
      }
    }
    return configs;
  }

  /** The lines of each proxy section (listen, frontend, backend, defaults), stripped. */
  private static List<List<String>> sections(String config) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = null;
    for (String line : config.lines().toList()) {
      if (line.matches("^(listen|frontend|backend|defaults)\\b.*")) {
        current = new ArrayList<>();
        out.add(current);
      } else if (!line.startsWith(" ")) {
        current = null;
      } else if (current != null) {
        current.add(line.strip());
      }
    }
    return out;
  }
}
