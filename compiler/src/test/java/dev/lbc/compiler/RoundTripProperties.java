package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.lbc.compiler.model.Adapters;
import dev.lbc.compiler.model.Appliance;
import dev.lbc.compiler.model.Appliances;
import dev.lbc.compiler.model.Arp;
import dev.lbc.compiler.model.Balance;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.ExchangeVersion;
import dev.lbc.compiler.model.HealthCheck;
import dev.lbc.compiler.model.Lockdown;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.Namespace;
import dev.lbc.compiler.model.Os;
import dev.lbc.compiler.model.Persistence;
import dev.lbc.compiler.model.Protocol;
import dev.lbc.compiler.model.Purpose;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Server;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.model.Src;
import dev.lbc.compiler.model.Ssl;
import dev.lbc.compiler.model.Timeouts;
import dev.lbc.compiler.model.Tuning;
import dev.lbc.compiler.model.Vdir;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.print.DslPrinter;
import dev.lbc.compiler.print.YamlPrinter;
import dev.lbc.compiler.value.Duration;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.IpNetwork;
import dev.lbc.compiler.value.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Any valid model printed as YAML or as DSL and read back gives an equal model; so the two front
 * ends agree and {@code lbc convert} loses nothing. Names include YAML 1.1 traps and DSL keywords.
 */
class RoundTripProperties {
  private static final Src SRC = new Src(null, Map.of());

  @Property(tries = 300)
  void yamlRoundTrip(@ForAll("deployments") Deployment d) {
    String yaml = YamlPrinter.print(d, null);
    CompileResult r = Lbc.yaml(yaml);
    assertNotNull(r.model(), () -> yaml + "\n" + r.diagnostics());
    assertEquals(d, r.model(), yaml);
  }

  @Property(tries = 300)
  void dslRoundTrip(@ForAll("deployments") Deployment d) {
    String dsl = DslPrinter.print(d);
    CompileResult r = Lbc.dsl(dsl);
    assertNotNull(r.model(), () -> dsl + "\n" + r.diagnostics());
    assertEquals(d, r.model(), dsl);
  }

  @Property(tries = 200)
  void yamlToDslToYamlIsStable(@ForAll("deployments") Deployment d) {
    Deployment viaDsl = Lbc.dsl(DslPrinter.print(d)).model();
    assertEquals(YamlPrinter.print(d, null), YamlPrinter.print(viaDsl, null));
  }

  private static Arbitrary<String> names() {
    Arbitrary<String> plain =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('.', '_', '-')
            .ofMinLength(0)
            .ofMaxLength(12)
            .map(s -> "N" + s);
    Arbitrary<String> traps =
        Arbitraries.of(
            "no", "on", "yes", "off", "true", "null", "2016", "1_000", "0777", "service", "server",
            "real", "check", "y", "1e3", "0x1F");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, plain), net.jqwik.api.Tuple.of(1, traps));
  }

  private static Arbitrary<IpAddress> ips() {
    Arbitrary<IpAddress> v4 =
        Arbitraries.longs().between(0x01000000L, 0xdfffffffL).map(n -> new IpAddress(4, 0, n));
    Arbitrary<IpAddress> v6 =
        Combinators.combine(
                Arbitraries.longs(), Arbitraries.longs(), Arbitraries.integers().between(0, 3))
            .as(
                (hi, lo, zeros) -> {
                  long h = zeros == 1 ? hi & 0xffffffff00000000L : hi;
                  long l = zeros >= 2 ? lo & 0xffffL : lo;
                  if (h == 0 && (l >>> 32) == 0xffffL) {
                    h = 0x20010db8L << 32;
                  }
                  return new IpAddress(6, h, l);
                });
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, v4), net.jqwik.api.Tuple.of(1, v6));
  }

  /** Valid servers-tcp-keepalive values, 1m to 2h, in each unit that can write them. */
  private static Arbitrary<Duration> keepalives() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(1, 120).map(m -> new Duration(m, "m")),
        Arbitraries.longs().between(60, 7200).map(sec -> new Duration(sec, "s")),
        Arbitraries.longs().between(1, 2).map(h -> new Duration(h, "h")));
  }

  /** Valid durations: a zero interval or timeout is LBC002 (HAProxy reads 0 as "none"). */
  private static Arbitrary<Duration> durations() {
    return Combinators.combine(
            Arbitraries.longs().between(1, 24), Arbitraries.of("ms", "s", "m", "h"))
        .as(Duration::new);
  }

  private static <T> Arbitrary<T> maybe(Arbitrary<T> a) {
    return a.injectNull(0.4);
  }

  @Provide
  Arbitrary<Deployment> deployments() {
    Arbitrary<List<String>> serverNames =
        names().list().ofMinSize(1).ofMaxSize(4).uniqueElements(s -> s.toLowerCase(Locale.ROOT));
    return serverNames.flatMap(
        sn ->
            Combinators.combine(
                    names(),
                    Combinators.combine(
                            Arbitraries.of(ExchangeVersion.Release.class),
                            maybe(Arbitraries.integers().between(0, 99)))
                        .as(ExchangeVersion::new),
                    maybe(Arbitraries.of(dev.lbc.compiler.model.Auth.class)),
                    Combinators.combine(maybe(Arbitraries.of(true, false)), maybe(keepalives()))
                        .as(Tuple::of),
                    appliances(),
                    servers(sn),
                    services(sn),
                    maybe(Arbitraries.integers().between(1024, 1048576)))
                .as(
                    (name, ex, auth, ep, app, servers, services, buf) -> {
                      List<Certificate> certs = new ArrayList<>();
                      List<Namespace> ns = new ArrayList<>();
                      for (Service s : services) {
                        if (s.ssl() != null
                            && certs.stream().noneMatch(c -> c.name().equals(s.ssl().offload()))) {
                          // every other one a PKCS#12 file, so that both shapes round-trip
                          String n = s.ssl().offload();
                          certs.add(
                              certs.size() % 2 == 0
                                  ? new Certificate(n, "certs/" + n + ".pem", SRC)
                                  : new Certificate(
                                      n, null, "certs/" + n + ".pfx", "${env:PFX_PASSWORD}", SRC));
                        }
                      }
                      if (!services.isEmpty()) {
                        ns.add(
                            new Namespace(
                                "mail.example.com",
                                services.get(0).name(),
                                List.of(Purpose.OWA, Purpose.EWS),
                                SRC));
                        ns.add(
                            new Namespace(
                                "autodiscover.example.com",
                                services.get(0).name(),
                                List.of(),
                                SRC));
                      }
                      return new Deployment(
                          1,
                          name,
                          ex,
                          auth,
                          ep.get1(),
                          ep.get2(),
                          app,
                          servers,
                          certs,
                          ns,
                          services,
                          new Tuning(buf, SRC),
                          SRC);
                    }));
  }

  private Arbitrary<Appliances> appliances() {
    Arbitrary<IpNetwork> net = ips().map(ip -> new IpNetwork(ip, ip.isV6() ? 64 : 24));
    Arbitrary<Appliance> primary = net.map(n -> new Appliance("lb1", n, "eth0", SRC));
    Arbitrary<Appliance> secondary = maybe(net.map(n -> new Appliance("lb2", n, null, SRC)));
    return Combinators.combine(
            primary,
            secondary,
            net.list().ofMaxSize(2),
            maybe(Arbitraries.of("${env:LB_PASSWORD}", "s3cr3t!")),
            maybe(Arbitraries.integers().between(1, 255)))
        .as(
            (p, s, fl, pw, vrrp) ->
                new Appliances(
                    p, s, fl, List.of(), pw == null ? null : "$6$salt$abc", pw, vrrp, SRC));
  }

  private Arbitrary<List<Server>> servers(List<String> names) {
    List<Arbitrary<Server>> each = new ArrayList<>();
    for (String n : names) {
      each.add(
          Combinators.combine(
                  ips(),
                  maybe(ips()),
                  maybe(Arbitraries.of(Os.class)),
                  maybe(Arbitraries.of(Arp.class)),
                  ips().list().ofMaxSize(2),
                  maybe(Arbitraries.of("net", "Ethernet 2", "LAN (1)")))
              .as(
                  (ip, gw, os, arp, lo, lan) ->
                      new Server(
                          n,
                          ip,
                          gw,
                          os,
                          new Adapters(lan, lan == null ? null : "loopback", SRC),
                          arp,
                          lo,
                          SRC)));
    }
    return Combinators.combine(each).as(List::copyOf);
  }

  private Arbitrary<List<Service>> services(List<String> servers) {
    Arbitrary<RealServer> real =
        Combinators.combine(
                Arbitraries.of(servers),
                maybe(Arbitraries.integers().between(1, 65535)),
                maybe(Arbitraries.integers().between(0, 256)),
                maybe(Arbitraries.integers().between(0, 1000)))
            .as((s, port, w, max) -> new RealServer(s, port, w, null, max, SRC));
    Arbitrary<HealthCheck> check =
        Combinators.combine(
                Arbitraries.of(CheckType.class),
                maybe(Arbitraries.of("/owa/healthcheck.htm", "/ecp/healthcheck.htm")),
                maybe(Arbitraries.integers().between(100, 599)),
                maybe(durations()),
                maybe(Arbitraries.integers().between(1, 10)))
            .as(
                (t, path, expect, iv, rise) ->
                    new HealthCheck(t, path, null, expect, iv, rise, rise, SRC));
    Arbitrary<Lockdown> lockdown =
        maybe(
            Arbitraries.of(
                    "192.168.30.50", "192.168.30.50-192.168.30.60", "10.1.0.0/16", "2001:db8::/32")
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .uniqueElements()
                .map(
                    l ->
                        new Lockdown(
                            l.stream().map(s -> SourceRange.parse(s).get()).toList(), SRC)));
    Arbitrary<Service> one =
        Combinators.combine(
                names(),
                ips(),
                Arbitraries.integers()
                    .between(1, 65535)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(3)
                    .uniqueElements(),
                Arbitraries.of(Mode.class),
                maybe(Arbitraries.of(4, 7)),
                maybe(Arbitraries.of(Protocol.class)),
                maybe(Arbitraries.of(Balance.class)),
                maybe(Arbitraries.of(Persistence.class)))
            .flatAs(
                (name, vip, ports, mode, layer, proto, balance, persistence) ->
                    Combinators.combine(
                            maybe(check),
                            maybe(durations()),
                            maybe(names()),
                            maybe(Arbitraries.of(true, false)),
                            lockdown,
                            real.list()
                                .ofMaxSize(3)
                                .uniqueElements(
                                    r -> r.server().toLowerCase(Locale.ROOT) + r.port()),
                            Arbitraries.of(Vdir.class).list().uniqueElements().ofMaxSize(3),
                            Arbitraries.maps(
                                    Arbitraries.of(Vdir.class),
                                    Combinators.combine(maybe(durations()), maybe(durations()))
                                        .as((c, sv) -> new Timeouts(c, sv, SRC)))
                                .ofMaxSize(2))
                        .as(
                            (hc, timeout, cert, xff, lock, reals, vdirs, vdirTimeouts) ->
                                new Service(
                                    name,
                                    vip,
                                    ports,
                                    mode,
                                    layer,
                                    proto,
                                    balance,
                                    persistence,
                                    hc,
                                    new Timeouts(timeout, timeout, SRC),
                                    cert == null ? null : new Ssl(cert, xff, SRC),
                                    xff,
                                    null,
                                    lock,
                                    reals,
                                    vdirs,
                                    vdirTimeouts,
                                    SRC)));
    return one.list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .uniqueElements(s -> s.name().toLowerCase(Locale.ROOT));
  }
}
