package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.print.YamlPrinter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every string field that can reach a generated file has an anchored validator: a value with a
 * newline, #, quotes, braces, $, ;, curly quotes or 300 characters is refused with LBC002 at the
 * field's own line.
 */
class FieldRejectionTest {
  private static final List<String> HOSTILE =
      List.of(
          "a\nb",
          "a#b",
          "a\"b",
          "a'b",
          "a{b",
          "a}b",
          "a$b",
          "a;b",
          "a\u2018b",
          "a\u2019b",
          "x".repeat(300));

  /** Each field: a template with {@code @@} where the value goes. */
  static Stream<Arguments> cases() {
    String base =
        """
        lbc: 1
        name: @name@
        exchange: 2016
        appliances:
          primary: { hostname: @hostname@, address: 192.168.30.5/24, interface: @interface@ }
          floating-ips: [@floating@]
          interfaces: [{ name: @arm@, address: 10.0.0.5/24 }]
          admin-password-hash: @hash@
          admin-password: @password@
        servers:
          - { name: @server@, address: 192.168.30.20, gateway: @gateway@, loopback: [@onloopback@], adapters: { lan: @lan@, loopback: @loopback@ } }
        certificates:
          - { name: @cert@, pem: @pem@ }
          - { name: D, pfx: @pfx@, password: @pfxpassword@ }
        namespaces:
          - { host: @host@, service: S }
        services:
          - name: @service@
            vip: @vip@
            ports: [443]
            mode: snat
            health-check: { type: https-get, path: @path@, host: @checkhost@, interval: @interval@ }
            lockdown: { allow: [@source@] }
            timeouts: { client: @client@ }
            ssl: { offload: @offload@ }
            real-servers: [{ server: @real@ }]
        """;
    String[][] fields = {
      {"name", "demo"},
      {"hostname", "lb1"},
      {"interface", "eth0"},
      {"hash", "$6$salt$abc"},
      {"password", "${env:LB}"},
      {"server", "MBOX1"},
      {"lan", "net"},
      {"loopback", "loopback"},
      {"cert", "C"},
      {"pem", "certs/x.pem"},
      {"pfx", "certs/x.pfx"},
      {"pfxpassword", "${env:PFX_PASSWORD}"},
      {"host", "mail.example.com"},
      {"service", "S"},
      {"vip", "192.168.30.10"},
      {"path", "/owa/healthcheck.htm"},
      {"checkhost", "mail.example.com"},
      {"interval", "5s"},
      {"source", "192.168.30.50"},
      {"real", "MBOX1"},
      {"floating", "192.168.30.1/24"},
      {"arm", "eth1"},
      {"gateway", "192.168.30.1"},
      {"onloopback", "192.168.30.10"},
      {"client", "30m"},
      {"offload", "C"}
    };
    return Stream.of(fields)
        .flatMap(
            target ->
                HOSTILE.stream()
                    .map(
                        bad -> {
                          String text = base;
                          for (String[] f : fields) {
                            String value = f[0].equals(target[0]) ? bad : f[1];
                            text = text.replace("@" + f[0] + "@", YamlPrinter.str(value));
                          }
                          int line =
                              1
                                  + (int)
                                      base.substring(0, base.indexOf("@" + target[0] + "@"))
                                          .chars()
                                          .filter(c -> c == '\n')
                                          .count();
                          return Arguments.of(
                              target[0], bad.length() > 20 ? "300 chars" : bad, text, line);
                        }));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("cases")
  void hostileValueIsRefusedAtItsField(String field, String label, String yaml, int line) {
    CompileResult r = Lbc.yaml(yaml);
    List<Diagnostic> errors = r.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertTrue(r.model() == null, field + " accepted a hostile value");
    assertEquals(
        List.of("LBC002"),
        errors.stream().map(Diagnostic::code).distinct().toList(),
        () -> errors.toString());
    assertEquals(line, errors.get(0).span().line(), () -> errors.toString());
  }

  @org.junit.jupiter.api.Test
  void templateWithValidValuesCompiles() {
    Arguments first = cases().findFirst().orElseThrow();
    String yaml = (String) first.get()[2];
    String valid = yaml.replace(YamlPrinter.str("a\nb"), "demo");
    CompileResult r = Lbc.yaml(valid);
    assertEquals(List.of(), Lbc.codes(r), () -> valid);
  }

  @org.junit.jupiter.api.Test
  void adminPasswordMessageSaysHaproxyReadsTheVariableWhenItStarts() {
    Arguments first = cases().findFirst().orElseThrow();
    String yaml = (String) first.get()[2];
    String bad =
        yaml.replace(YamlPrinter.str("a\nb"), "demo")
            .replace(YamlPrinter.str("${env:LB}"), "\"two words\"");
    CompileResult r = Lbc.yaml(bad);
    String message =
        r.diagnostics().stream()
            .filter(d -> d.message().contains("password"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(r.diagnostics().toString()))
            .message();
    assertTrue(!message.contains("build time"), message);
    assertTrue(message.contains("HAProxy reads it from its environment when it starts"), message);
  }
}
