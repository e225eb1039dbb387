package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.backends.haproxy.HaproxyBackend;
import dev.lbc.compiler.model.Vdir;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The haproxy.cfg of a service with {@code vdirs}: its listen section routes each listed vdir by
 * path to a backend of its own, which has the service's servers with the same options and checks
 * the vdir's own healthcheck.htm; every other path stays on the service's pool and its check. (That
 * HAProxy accepts it is {@link BuildTest}'s {@code haproxy -c} of the example, and that it routes
 * as intended is {@link VdirEndToEndTest}.)
 */
class HaproxyVdirConfigTest {
  private static final List<Vdir> LISTED =
      List.of(
          Vdir.OWA,
          Vdir.ECP,
          Vdir.EWS,
          Vdir.ACTIVESYNC,
          Vdir.AUTODISCOVER,
          Vdir.OAB,
          Vdir.MAPI,
          Vdir.RPC);

  private static Map<String, List<String>> sections() throws IOException {
    Plan plan =
        Lbc.plan(Files.readString(Repo.root().resolve("examples/exchange2016-per-vdir.yaml")));
    String config = new HaproxyBackend().render(plan, plan.primary()).get(0).text();
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : config.lines().toList()) {
      if (line.matches("^(listen|frontend|backend) .*")) {
        current = new ArrayList<>();
        out.put(line, current);
      } else if (!line.startsWith(" ")) {
        current = null;
      } else if (current != null && !line.strip().startsWith("#")) {
        current.add(line.strip());
      }
    }
    return out;
  }

  private static List<String> servers(List<String> section) {
    return section.stream().filter(l -> l.startsWith("server ")).toList();
  }

  @Test
  void eachListedVdirIsRoutedByPathToItsOwnBackend() throws IOException {
    List<String> listen = sections().get("listen MBOX-HTTPS");
    for (Vdir v : LISTED) {
      String acl = "vdir_" + v.word();
      assertTrue(listen.contains("acl " + acl + " path -i " + v.pathPrefix()), v + ": " + listen);
      assertTrue(
          listen.contains("acl " + acl + " path_beg -i " + v.pathPrefix() + "/"),
          v + ": " + listen);
      assertTrue(
          listen.contains("use_backend MBOX-HTTPS-" + v.word() + " if " + acl), v + ": " + listen);
    }
    assertFalse(
        listen.stream().anyMatch(l -> l.contains("powershell")),
        "an unlisted vdir stays on the service's pool: " + listen);
    assertTrue(
        listen.stream().anyMatch(l -> l.startsWith("http-check send meth GET uri /owa/")),
        "the default pool keeps the service's check: " + listen);
  }

  @Test
  void eachVdirBackendHasTheServicesServersAndItsOwnCheck() throws IOException {
    Map<String, List<String>> sections = sections();
    List<String> listen = sections.get("listen MBOX-HTTPS");
    for (Vdir v : LISTED) {
      List<String> backend = sections.get("backend MBOX-HTTPS-" + v.word());
      assertTrue(backend != null, "no backend for " + v + ": " + sections.keySet());
      assertTrue(backend.contains("mode http"), backend.toString());
      assertTrue(backend.contains("http-reuse never"), backend.toString());
      assertTrue(backend.contains("option httpchk"), backend.toString());
      assertTrue(
          backend.contains(
              "http-check send meth GET uri "
                  + v.checkPath()
                  + " ver HTTP/1.1 hdr Host mail.lbtestdom.com"),
          backend.toString());
      assertTrue(backend.contains("http-check expect status 200"), backend.toString());
      assertEquals(servers(listen), servers(backend), v + ": the same servers, the same options");
    }
  }

  @Test
  void activeSyncKeepsItsLongerTimeouts() throws IOException {
    Map<String, List<String>> sections = sections();
    assertTrue(sections.get("backend MBOX-HTTPS-activesync").contains("timeout server 1h"));
    assertTrue(sections.get("backend MBOX-HTTPS-owa").contains("timeout server 30m"));
    // A client's connection carries requests for every vdir, so the frontend waits the longest.
    assertTrue(sections.get("listen MBOX-HTTPS").contains("timeout client 1h"));
    assertTrue(sections.get("listen MBOX-HTTPS").contains("timeout server 30m"));
  }
}
