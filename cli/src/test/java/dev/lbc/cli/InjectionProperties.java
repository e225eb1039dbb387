package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.value.Formats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile text in any user-controlled field either is refused, with a diagnostic at that field, or
 * ends up in the outputs only as data: re-tokenizing every generated file gives the same number of
 * directives, rules, records and statements as the baseline build.
 *
 * <p>10,000 strings per field go through the field's validator (the one the schema applies); a
 * value it refuses is also compiled for real for one in fifty, to prove the diagnostic names the
 * field; a value it accepts is compiled and built for real, and every file re-tokenized.
 */
class InjectionProperties {
  static final String TEMPLATE =
      """
      # lbc-disable LBC110 generated host names: no certificate covers them, the build must still
      lbc: 1
      name: @name@
      exchange: 2016
      appliances:
        primary: { hostname: @hostname@, address: 192.168.30.5/24, interface: @iface@ }
        secondary: { hostname: lb2, address: 192.168.30.6/24, interface: @iface@ }
        admin-password: ${env:LB_ADMIN_PASSWORD}
      servers:
        - { name: @server@, address: 192.168.30.20, adapters: { lan: @lan@, loopback: @loop@ } }
        - { name: MBOX2, address: 192.168.30.21 }
      certificates: [{ name: @cert@, pem: ../../examples/certs/exchange.pem }]
      namespaces:
        - { host: @host@, service: @service@, purpose: [owa] }
        - { host: autodiscover.example.com, service: @service@, purpose: [autodiscover] }
      services:
        - name: @service@
          vip: 192.168.30.10
          ports: [443]
          mode: snat
          protocol: http
          x-forwarded-for: true
          ssl: { offload: @cert@, reencrypt: true }
          health-check: { type: https-get, path: @path@, host: @checkhost@ }
          real-servers: [{ server: @server@, port: 443 }, { server: MBOX2, port: 443 }]
        - name: MBOX-IMAP4
          vip: 192.168.30.11
          ports: [143, 993]
          mode: dr
          real-servers: [{ server: @server@ }, { server: MBOX2 }]
        - name: MBOX-SMTP
          vip: 192.168.30.10
          ports: [25]
          mode: snat
          lockdown: { allow: [192.168.30.50] }
          real-servers: [{ server: @server@, port: 25 }, { server: MBOX2, port: 25 }]
      """;

  /** Field: placeholder, its format, its baseline value. */
  private static final Map<String, String[]> FIELDS =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("name", new String[] {"lbc-name", "demo"}),
              Map.entry("hostname", new String[] {"lbc-name", "lb1"}),
              Map.entry("iface", new String[] {"lbc-interface-name", "eth0"}),
              Map.entry("server", new String[] {"lbc-name", "MBOX1"}),
              Map.entry("lan", new String[] {"lbc-adapter-name", "net"}),
              Map.entry("loop", new String[] {"lbc-adapter-name", "loopback"}),
              Map.entry("cert", new String[] {"lbc-name", "ExchangeCert"}),
              Map.entry("host", new String[] {"lbc-hostname", "mail.example.com"}),
              Map.entry("service", new String[] {"lbc-name", "MBOX-HTTPS"}),
              Map.entry("path", new String[] {"lbc-http-path", "/owa/healthcheck.htm"}),
              Map.entry("checkhost", new String[] {"lbc-hostname", "mail.example.com"})));

  private static final AtomicInteger ACCEPTED = new AtomicInteger();
  private static final AtomicInteger REFUSED = new AtomicInteger();
  private static Map<String, Integer> baseline;

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<Character> dangerous =
        Arbitraries.of(
            '\r', '\n', '\0', '#', '!', '"', '\'', '\\', '$', '%', '{', '}', ';', '&', '|', '`',
            '\u2018', '\u2019', '\u201A', '\u201B', '\u201C', '\u201D', '\u201E', '\u2028', ' ',
            '.', '-', '/', ':');
    Arbitrary<Character> plain = Arbitraries.chars().alpha().numeric();
    Arbitrary<String> mixed =
        Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, plain), net.jqwik.api.Tuple.of(1, dangerous))
            .list()
            .ofMinSize(1)
            .ofMaxSize(40)
            .map(l -> l.stream().map(String::valueOf).reduce("", String::concat));
    Arbitrary<String> longOnes = Arbitraries.strings().alpha().ofLength(300);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(20, mixed), net.jqwik.api.Tuple.of(1, longOnes));
  }

  @Provide
  Arbitrary<String> fields() {
    return Arbitraries.of(FIELDS.keySet());
  }

  @Property(tries = 110_000)
  void hostileValuesAreRefusedOrStayData(
      @ForAll("fields") String field, @ForAll("hostile") String value) throws Exception {
    String[] spec = FIELDS.get(field);
    String problem = Formats.check(spec[0], value);
    if (problem != null) {
      if (REFUSED.incrementAndGet() % 50 == 0) {
        assertRefusedAtField(field, value);
      }
      return;
    }
    ACCEPTED.incrementAndGet();
    Map<String, Integer> counts = buildAndCount(inject(field, value));
    if (counts == null) {
      return; // refused later, with a diagnostic (e.g. a duplicate name): no output written
    }
    assertEquals(baseline(), counts, field + " = " + value);
  }

  static String inject(String field, String value) {
    String text = TEMPLATE;
    for (var e : FIELDS.entrySet()) {
      String v = e.getKey().equals(field) ? value : e.getValue()[1];
      text = text.replace("@" + e.getKey() + "@", dev.lbc.compiler.print.YamlPrinter.str(v));
    }
    return text;
  }

  private static void assertRefusedAtField(String field, String value) throws Exception {
    String yaml = inject(field, value);
    Path dir = Cli.tempDir("lbc-inj");
    Path src = dir.resolve("d.yaml");
    Files.writeString(src, yaml, StandardCharsets.UTF_8);
    Cli.Run run = Cli.lbc("lint", "--format", "json", src.toString());
    Cli.deleteTree(dir);
    assertEquals(1, run.exit(), field + " accepted " + value);
    int line = 0;
    for (String l : TEMPLATE.split("\n", -1)) {
      line++;
      if (l.contains("@" + field + "@")) {
        break;
      }
    }
    assertTrue(
        run.out().contains("\"line\" : " + line) && run.out().contains("LBC002"),
        field + " = " + value + " must be refused at line " + line + ": " + run.out());
  }

  private static synchronized Map<String, Integer> baseline() throws Exception {
    if (baseline == null) {
      baseline = buildAndCount(inject("", ""));
    }
    return baseline;
  }

  /** Builds the deployment and counts the structure of every output file; null if refused. */
  static Map<String, Integer> buildAndCount(String yaml) throws Exception {
    BuildTest.TempBuild build = BuildTest.buildInTemp(yaml);
    try {
      return count(build);
    } finally {
      build.delete();
    }
  }

  /** The structure of every output file of {@code build}; null if the build was refused. */
  static Map<String, Integer> count(BuildTest.TempBuild build) throws Exception {
    Path out = build.out();
    Cli.Run run = build.run();
    if (run.exit() != 0) {
      assertTrue(run.exit() == 1 || run.exit() == 2, run.err());
      return null;
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (var e : BuildTest.read(out).entrySet()) {
      if (e.getKey().endsWith(".pem")) {
        continue;
      }
      String path = e.getKey().replaceAll("^(appliances|servers)/[^/]+/", "$1/X/");
      counts.merge(
          path, Tokens.count(path, new String(e.getValue(), StandardCharsets.UTF_8)), Integer::sum);
    }
    return counts;
  }

  @AfterContainer
  static void report() {
    System.out.printf(
        "injection: %d values refused by their field's validator, %d accepted and" + " built%n",
        REFUSED.get(), ACCEPTED.get());
  }
}
