package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * An offloaded service terminates TLS on every one of its ports: with 443 among them ([443, 4443])
 * and without it ([18443, 19443]). Real sockets: a TLS handshake must complete on each port.
 */
class EngineOffloadPortsTest {
  private static final String WITH_443 = "127.0.44.10";
  private static final String WITHOUT_443 = "127.0.44.11";

  @Test
  void everyPortOfAnOffloadedServiceSpeaksTls() throws Exception {
    String yaml =
        """
        lbc: 1
        name: offload-ports
        exchange: 2016
        appliances:
          primary: { hostname: lb1, address: 127.0.0.5/8 }
        certificates: [{ name: Cert, pem: certs/exchange.pem }]
        servers:
          - { name: MBOX1, address: 127.0.0.30 }
        services:
        """
            + offloaded("WITH-443", WITH_443, "443, 4443")
            + offloaded("WITHOUT-443", WITHOUT_443, "18443, 19443");
    List<String> log = new ArrayList<>();
    try (Engine engine =
        Engine.start(
            Lbc.plan(yaml),
            BindMap.parse(List.of()),
            log::add,
            new Engine.Options(Repo.root().resolve("examples"), 2000))) {
      for (String endpoint :
          List.of(
              WITH_443 + ":443",
              WITH_443 + ":4443",
              WITHOUT_443 + ":18443",
              WITHOUT_443 + ":19443")) {
        String protocol = handshake(endpoint);
        assertTrue(protocol.startsWith("TLSv1."), endpoint + ": " + protocol + "; log: " + log);
      }
    }
  }

  private static String offloaded(String name, String vip, String ports) {
    return """
          - name: %s
            vip: %s
            ports: [%s]
            mode: snat
            protocol: http
            ssl: { offload: Cert, reencrypt: true }
            health-check: { type: none }
            real-servers: [{ server: MBOX1, port: 443 }]
        """
        .formatted(name, vip, ports);
  }

  /** The protocol negotiated with the engine at {@code endpoint}, or why no handshake completed. */
  private static String handshake(String endpoint) {
    String[] hostPort = endpoint.split(":");
    try (SSLSocket s =
        (SSLSocket)
            Tls.trustAll()
                .getSocketFactory()
                .createSocket(hostPort[0], Integer.parseInt(hostPort[1]))) {
      s.setSoTimeout(5000);
      s.startHandshake();
      return s.getSession().getProtocol();
    } catch (java.io.IOException e) {
      return "no TLS handshake: " + e;
    }
  }
}
