package dev.lbc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.spi.Rules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For generated clean deployments, one specific defect makes exactly its rule fire, and the
 * deployment without it is clean: rules neither miss their case nor fire on their neighbours'.
 */
class DefectInjectionProperties {
  private static final Compiler COMPILER = new Compiler(Rules.load(), false);

  /** A clean deployment: an HA pair, n Mailbox servers, HTTPS, SMTP and maybe IMAP4. */
  record Clean(
      List<String> servers,
      String httpsMode,
      String smtpMode,
      boolean imap,
      int vip,
      boolean ipv6) {

    String address(int i) {
      return ipv6
          ? "\"2001:db8:30::" + Integer.toHexString(0x20 + i) + "\""
          : "192.168.30." + (20 + i);
    }

    String vipAddress() {
      return ipv6 ? "\"2001:db8:30::" + Integer.toHexString(vip) + "\"" : "192.168.30." + vip;
    }

    String spare() {
      return ipv6 ? "\"2001:db8:30::99\"" : "192.168.30.99";
    }

    /** An address in no network of the appliances. */
    String offNetwork() {
      return ipv6 ? "\"2001:db8:99::a\"" : "198.51.100.10";
    }

    String yaml() {
      StringBuilder b = new StringBuilder("lbc: 1\nname: generated\nexchange: se\n");
      b.append("appliances:\n  primary: { hostname: lb1, address: ")
          .append(ipv6 ? "2001:db8:30::5/64" : "192.168.30.5/24")
          .append(" }\n")
          .append("  secondary: { hostname: lb2, address: ")
          .append(ipv6 ? "2001:db8:30::6/64" : "192.168.30.6/24")
          .append(" }\n")
          .append("  admin-password: ${env:LB_ADMIN_PASSWORD}\n");
      b.append("servers:\n");
      for (int i = 0; i < servers.size(); i++) {
        b.append("  - { name: ")
            .append(servers.get(i))
            .append(", address: ")
            .append(address(i))
            .append(" }\n");
      }
      b.append("namespaces:\n  - { host: mail.example.com, service: HTTPS, purpose: [owa] }\n")
          .append(
              "  - { host: autodiscover.example.com, service: HTTPS, purpose:"
                  + " [autodiscover] }\n");
      b.append("services:\n");
      b.append(
          service(
              "HTTPS",
              443,
              httpsMode,
              "health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }"));
      b.append(
          service(
              "SMTP",
              25,
              smtpMode,
              smtpMode.equals("snat") ? "lockdown: { allow: [" + spare() + "] }" : ""));
      if (imap) {
        b.append(service("IMAP4", 143, httpsMode, ""));
      }
      return b.toString();
    }

    String service(String name, int port, String mode, String extra) {
      String reals =
          servers.stream()
              // A multi-port service keeps each client's port (LBC116): no port of its own.
              .map(
                  s ->
                      "{ server: "
                          + s
                          + (mode.equals("snat") && port != 143 ? ", port: " + port : "")
                          + " }")
              .collect(Collectors.joining(", "));
      return "  - { name: "
          + name
          + ", vip: "
          + vipAddress()
          + ", ports: ["
          + port
          + (port == 143 ? ", 993" : "")
          + "], mode: "
          + mode
          + (extra.isEmpty() ? "" : ", " + extra)
          + ", real-servers: ["
          + reals
          + "] }\n";
    }
  }

  @Provide
  Arbitrary<Clean> deployments() {
    Arbitrary<List<String>> names =
        Arbitraries.strings()
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .ofMinLength(1)
            .ofMaxLength(8)
            .map(s -> "MB" + s)
            .list()
            .ofMinSize(1)
            .ofMaxSize(5)
            .uniqueElements(String::toLowerCase);
    return Combinators.combine(
            names,
            Arbitraries.of("snat", "dr"),
            Arbitraries.of("snat", "dr"),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(10, 19),
            Arbitraries.of(true, false))
        .as(Clean::new);
  }

  record Defect(String rule, UnaryOperator<String> apply) {
    Defect andThen(String from, String to) {
      return new Defect(rule, y -> apply.apply(y).replace(from, to));
    }
  }

  private static Defect addService(String rule, Clean c, String body) {
    return new Defect(rule, y -> y + "  - { name: DEFECT, " + body + " }\n");
  }

  private static Defect replace(String rule, String from, String to) {
    return new Defect(
        rule,
        y -> {
          if (!y.contains(from)) {
            throw new AssertionError("generator and defect disagree: no " + from);
          }
          return y.replace(from, to);
        });
  }

  static List<Defect> defects(Clean c) {
    String s0 = c.servers().get(0);
    return List.of(
        addService(
            "LBC101",
            c,
            "vip: "
                + c.spare()
                + ", ports: [110], mode: dr, real-servers: [{"
                + " server: "
                + s0
                + ", port: 111 }]"),
        addService(
            "LBC107",
            c,
            "vip: "
                + c.vipAddress()
                + ", ports: [995, 25], mode: dr,"
                + " real-servers: [{ server: "
                + s0
                + " }]"),
        addService(
            "LBC108",
            c,
            "vip: "
                + c.address(0)
                + ", ports: [110], mode: dr,"
                + " real-servers: [{ server: "
                + s0
                + " }]"),
        addService(
            "LBC109",
            c,
            "vip: "
                + c.spare()
                + ", ports: [110], mode: snat, real-servers: [{ server: "
                + s0
                + ", weight: 0 }]"),
        addService(
            "LBC115",
            c,
            "vip: "
                + c.offNetwork()
                + ", ports: [110], mode: dr, real-servers: [{ server: "
                + s0
                + " }]"),
        addService(
            "LBC116",
            c,
            "vip: "
                + c.spare()
                + ", ports: [110, 995], mode: snat, real-servers: [{ server: "
                + s0
                + ", port: 110 }]"),
        addService(
            "LBC204",
            c,
            "vip: "
                + c.spare()
                + ", ports: [110], mode: snat, timeouts: {"
                + " client: 1m }, real-servers: [{ server: "
                + s0
                + " }]"),
        addService(
            "LBC208",
            c,
            "vip: "
                + c.spare()
                + ", ports: [25], mode: snat, real-servers:"
                + " [{ server: "
                + s0
                + " }]"),
        addService(
            "LBC209",
            c,
            "vip: "
                + c.spare()
                + ", ports: [80], mode: snat, protocol: http,"
                + " redirect: https"),
        addService(
            "LBC219",
            c,
            "vip: "
                + c.spare()
                + ", ports: [80], mode: snat, protocol: http, vdirs: [mapi],"
                + " vdir-timeouts: { mapi: { server: 1m } }, real-servers: [{ server: "
                + s0
                + ", port: 80 }]"),
        replace("LBC218", "name: HTTPS,", "name: HTTPS, vdirs: [owa, ews],"),
        replace("LBC201", "name: HTTPS,", "name: HTTPS, persistence: cookie,"),
        replace("LBC202", "name: HTTPS,", "name: HTTPS, balance: least-connection,"),
        replace("LBC302", "name: HTTPS,", "name: HTTPS, lockdown: { allow: [0.0.0.0/0] },"),
        replace(
            "LBC214",
            c.yaml().lines().filter(l -> l.startsWith("  secondary:")).findFirst().orElseThrow()
                + "\n",
            ""),
        replace("LBC217", "exchange: se\n", "exchange: 2019\ncu: 15\n"),
        replace("LBC301", "${env:LB_ADMIN_PASSWORD}", "loadbalancer"),
        replace("LBC303", "${env:LB_ADMIN_PASSWORD}", "Literal-Secret1"),
        replace("LBC304", "  admin-password: ${env:LB_ADMIN_PASSWORD}\n", ""),
        replace(
            "LBC114",
            "servers:\n",
            "certificates: [{ name: Cert, pem: /etc/ssl/private/exchange.pem }]\nservers:\n"),
        replace("LBC210", "host: autodiscover.example.com", "host: webmail.example.com")
            .andThen("purpose: [autodiscover]", "purpose: [owa]"));
  }

  @Property(tries = 150)
  void eachDefectFiresExactlyItsRule(@ForAll("deployments") Clean clean) {
    String base = clean.yaml();
    assertEquals(Set.of(), codes(base), () -> "the generated base must be clean:\n" + base);
    for (Defect d : defects(clean)) {
      String broken = d.apply().apply(base);
      assertEquals(Set.of(d.rule()), codes(broken), () -> d.rule() + " on:\n" + broken);
    }
  }

  private static Set<String> codes(String yaml) {
    CompileResult r =
        COMPILER.compile("generated.yaml", yaml.getBytes(StandardCharsets.UTF_8), Syntax.YAML);
    return r.diagnostics().stream()
        .map(Diagnostic::code)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
