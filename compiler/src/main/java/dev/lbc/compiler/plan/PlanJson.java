package dev.lbc.compiler.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lbc.compiler.model.ExchangeVersion;
import dev.lbc.compiler.model.Keyword;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.compiler.plan.Plan.InterfacePlan;
import dev.lbc.compiler.plan.Plan.LoopbackVip;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.NamespacePlan;
import dev.lbc.compiler.plan.Plan.ServerPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.plan.Plan.VdirPlan;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.SourceRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * plan.json: the plan's wire form, written field by field (keys sorted, but for {@code source} and
 * {@code haPair} at the end; two-space indent, \n line ends). Keywords are written as their words
 * ({@code weighted-round-robin}), addresses as their canonical text, and each address keeps the
 * IPv6 flag beside it ({@code vipIsV6}, {@code v6}) that readers of plan.json use. The plan's
 * records may gain typed fields and decisions without changing this file; a field reaches plan.json
 * only when it is written here, on purpose, and the golden builds show it
 * (docs/adr/0012-the-plan-is-typed-and-decided.md).
 */
public final class PlanJson {
  private PlanJson() {}

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  public static String write(Plan plan) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
    try {
      return MAPPER.writer(printer).writeValueAsString(plan(plan)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the plan", e);
    }
  }

  /** A JSON object under construction; a {@link TreeMap}, so its keys come out sorted. */
  private static final class Obj extends TreeMap<String, Object> {
    Obj with(String key, Object value) {
      put(key, value);
      return this;
    }
  }

  private static Map<String, Object> plan(Plan p) {
    Obj sorted =
        new Obj()
            .with("adminPasswordEnv", p.adminPasswordEnv())
            .with("adminPasswordHash", p.adminPasswordHash())
            // haproxy.cfg must hold a literal password (LBC303 warns); the plan, read in reviews
            // and pull requests, says only that there is one
            .with(
                "adminPasswordLiteral",
                p.adminPasswordLiteral() == null ? null : "(set in the deployment, not shown)")
            .with("appliances", each(p.appliances(), PlanJson::appliance))
            .with(
                "certificates",
                each(
                    p.certificates(),
                    c ->
                        new Obj()
                            .with("name", c.name())
                            .with(c.source().format().key(), c.source().path())))
            .with("cu", p.exchange().cu())
            // as written: a year is a number, as it always was in plan.json; se is a word
            .with(
                "exchange",
                p.exchange().release() == ExchangeVersion.Release.SE
                    ? p.exchange().release().word()
                    : (Object) Integer.valueOf(p.exchange().release().word()))
            .with("extendedProtection", p.extendedProtection())
            .with("floatingIps", each(p.floatingIps(), n -> n.text()))
            .with("name", p.name())
            .with("namespaces", each(p.namespaces(), PlanJson::namespace))
            .with("outlookAnywhereAuth", word(p.outlookAnywhereAuth()))
            .with("requestBuffer", p.requestBuffer())
            .with("servers", each(p.servers(), PlanJson::server))
            .with("services", each(p.services(), PlanJson::service))
            .with("vrrpId", p.vrrpId());
    // plan.json has always closed with these two, after the sorted keys (where the first
    // serializer put them); kept there so that the file does not change.
    Map<String, Object> wire = new LinkedHashMap<>(sorted);
    wire.put("source", p.source());
    wire.put("haPair", p.isHaPair());
    return wire;
  }

  private static Obj appliance(AppliancePlan a) {
    return new Obj()
        .with("address", text(a.address()))
        .with("extraInterfaces", each(a.extraInterfaces(), PlanJson::arm))
        .with("hostname", a.hostname())
        .with("iface", a.iface())
        .with("prefix", a.prefix())
        .with("priority", a.priority())
        .with("role", word(a.role()));
  }

  private static Obj arm(InterfacePlan i) {
    return new Obj()
        .with("address", text(i.address()))
        .with("name", i.name())
        .with("prefix", i.prefix());
  }

  private static Obj namespace(NamespacePlan n) {
    return new Obj()
        .with("host", n.host())
        .with("purposes", each(n.purposes(), PlanJson::word))
        .with("service", n.service())
        .with("v6", n.vip().isV6())
        .with("vip", text(n.vip()));
  }

  private static Obj server(ServerPlan s) {
    return new Obj()
        .with("address", text(s.address()))
        .with("gateway", s.gateway() == null ? null : text(s.gateway()))
        .with("generateArp", s.generateArp())
        .with("lanAdapter", s.lanAdapter())
        .with("loopbackAdapter", s.loopbackAdapter())
        .with("logForwardedFor", s.logForwardedFor())
        .with("loopbackVips", each(s.loopbackVips(), PlanJson::loopbackVip))
        .with("name", s.name())
        .with("os", word(s.os()))
        .with("tcpKeepAliveMs", s.tcpKeepAliveMs())
        .with("v6", s.address().isV6());
  }

  private static Obj loopbackVip(LoopbackVip v) {
    return new Obj()
        .with("address", text(v.address()))
        .with("prefix", v.prefix())
        .with("v6", v.address().isV6());
  }

  private static Obj service(ServicePlan s) {
    Obj o = new Obj();
    // Only a service that routes per vdir says so: the plan.json of every other stays as it was.
    if (!s.vdirs().isEmpty()) {
      o.with("vdirs", each(s.vdirs(), PlanJson::vdir));
    }
    return o.with("allow", each(s.allow(), PlanJson::source))
        .with("balance", word(s.balance()))
        .with("certificate", s.certificate())
        .with("check", check(s.check()))
        .with("clientTimeoutMs", s.clientTimeoutMs())
        .with("layer", s.layer())
        .with("members", each(s.members(), PlanJson::member))
        .with("mode", word(s.mode()))
        .with("name", s.name())
        .with("persistence", word(s.persistence()))
        .with("ports", s.ports())
        .with("protocol", word(s.protocol()))
        .with("redirectHttps", s.redirectHttps())
        .with("reencrypt", s.reencrypt())
        .with("serverTimeoutMs", s.serverTimeoutMs())
        .with("tlsPorts", s.tlsPorts())
        .with("vip", text(s.vip()))
        .with("vipIsV6", s.vip().isV6())
        .with("xForwardedFor", s.xForwardedFor());
  }

  private static Obj vdir(VdirPlan v) {
    return new Obj()
        .with("backend", v.backendName())
        .with("check", check(v.check()))
        .with("clientTimeoutMs", v.clientTimeoutMs())
        .with("name", word(v.vdir()))
        .with("pathPrefix", v.vdir().pathPrefix())
        .with("serverTimeoutMs", v.serverTimeoutMs());
  }

  private static Obj source(SourceRange r) {
    return new Obj()
        .with("kind", r.kind().name().toLowerCase(Locale.ROOT))
        .with("text", r.text())
        .with("v6", r.first().isV6());
  }

  private static Obj check(CheckPlan c) {
    return new Obj()
        .with("defaulted", c.defaulted())
        .with("expect", c.expect())
        .with("fall", c.fall())
        .with("host", c.host())
        .with("intervalMs", c.intervalMs())
        .with("path", c.path())
        .with("port", c.port())
        .with("rise", c.rise())
        .with("type", word(c.type()));
  }

  private static Obj member(MemberPlan m) {
    return new Obj()
        .with("address", text(m.address()))
        .with("maxConnections", m.maxConnections())
        .with("minConnections", m.minConnections())
        .with("port", m.port())
        .with("server", m.server())
        .with("v6", m.address().isV6())
        .with("weight", m.weight());
  }

  private static <T> List<Object> each(List<T> items, Function<T, Object> wire) {
    return items.stream().map(wire).toList();
  }

  private static String word(Keyword k) {
    return k.word();
  }

  private static String text(IpAddress a) {
    return a.text();
  }
}
