package dev.lbc.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.backends.dns.DnsBackend;
import dev.lbc.compiler.spi.Backend;
import dev.lbc.compiler.spi.Backends;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every backend in this module is registered once: a class written and not listed in {@code
 * META-INF/services} would never be rendered by lbc build or lbc run, and one listed twice would be
 * rendered by neither (the registry refuses two backends of one name).
 */
class BackendRegistryTest {
  private static final String SERVICES = "META-INF/services/" + Backend.class.getName();

  /** The concrete Backend classes compiled from this module's sources. */
  private static Set<String> backendClasses() throws IOException, URISyntaxException {
    Path classes =
        Path.of(Templates.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name =
            classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> c;
        try {
          c = Class.forName(name, false, Templates.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          throw new AssertionError(e);
        }
        if (Backend.class.isAssignableFrom(c)
            && !c.isInterface()
            && !Modifier.isAbstract(c.getModifiers())) {
          found.add(name);
        }
      }
    }
    return found;
  }

  /** The lines of every services file for Backend on the class path, comments dropped. */
  private static List<String> listed() throws IOException {
    List<String> lines = new ArrayList<>();
    for (URL url : Collections.list(Templates.class.getClassLoader().getResources(SERVICES))) {
      try (InputStream in = url.openStream()) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          String entry = line.replaceAll("#.*", "").strip();
          if (!entry.isEmpty()) {
            lines.add(entry);
          }
        }
      }
    }
    return lines;
  }

  @Test
  void everyBackendClassIsListedExactlyOnce() throws Exception {
    List<String> listed = listed();
    Set<String> unique = new TreeSet<>(listed);
    assertEquals(
        unique.size(), listed.size(), "a backend listed twice in " + SERVICES + ": " + listed);
    assertEquals(
        backendClasses(),
        unique,
        "the Backend classes of this module and the lines of " + SERVICES + " differ");
  }

  @Test
  void theRegistryHoldsEveryListedBackendSortedByName() throws Exception {
    List<Backend> all = Backends.load().all();
    assertEquals(
        new TreeSet<>(listed()),
        new TreeSet<>(all.stream().map(b -> b.getClass().getName()).toList()),
        "what the registry loads is what " + SERVICES + " lists");
    List<String> names = all.stream().map(Backend::name).toList();
    assertEquals(names.stream().sorted().toList(), names, "sorted by name");
    assertTrue(
        names.containsAll(
            List.of(
                "dns",
                "exchange",
                "firewall",
                "haproxy",
                "keepalived",
                "plan",
                "runbook",
                "server-scripts",
                "topology")),
        names.toString());
  }

  @Test
  void twoBackendsOfOneNameAreRefused() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Backends.of(List.of(new DnsBackend(), new DnsBackend())));
    assertTrue(e.getMessage().contains("two backends are named dns"), e.getMessage());
  }
}
