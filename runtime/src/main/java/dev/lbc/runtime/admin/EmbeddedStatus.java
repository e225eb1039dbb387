package dev.lbc.runtime.admin;

import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.runtime.engine.Backend;
import dev.lbc.runtime.engine.Engine;
import dev.lbc.runtime.engine.Pool;
import dev.lbc.runtime.engine.ServiceRuntime;
import dev.lbc.runtime.pool.Member;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The embedded engine's pools as the status page shows them. */
public final class EmbeddedStatus implements StatusProvider {
  private final Engine engine;
  private final ApplianceRole role;

  public EmbeddedStatus(Engine engine) {
    this(engine, ApplianceRole.host());
  }

  public EmbeddedStatus(Engine engine, ApplianceRole role) {
    this.engine = engine;
    this.role = role;
  }

  /**
   * Each VIP:port bound, and the VIPs of the layer 4 services this engine does not run. A refusal
   * counts once, under its reason: the lockdown, no member to take it, or --max-connections.
   */
  @Override
  public List<Map<String, Object>> vips() {
    List<VipTable.Row> rows = new ArrayList<>();
    for (Engine.ListenerState l : engine.listenerStates()) {
      ServiceRuntime s = engine.services().get(l.service().name());
      rows.add(
          new VipTable.Row(
              l.service().vip().text(),
              l.address(),
              l.service().name(),
              l.port(),
              l.listening() ? VipTable.LISTENING : VipTable.FAILED,
              s == null ? null : s.refused(),
              s == null ? null : s.refusedNoServer(),
              s == null ? null : s.refusedOverLimit()));
    }
    for (ServicePlan s : engine.unserved()) {
      for (int port : s.ports()) {
        rows.add(
            new VipTable.Row(
                s.vip().text(),
                engine.boundAddress(s.vip()),
                s.name(),
                port,
                VipTable.NOT_SERVED,
                null,
                null,
                null));
      }
    }
    return VipTable.of(rows, role::of);
  }

  @Override
  public List<Map<String, Object>> services() {
    List<Map<String, Object>> services = new ArrayList<>();
    for (ServiceRuntime s : engine.services().values()) {
      List<Object> members = new ArrayList<>();
      for (Backend b : s.backends()) {
        Member m = b.member();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", m.name());
        o.put("address", b.host());
        o.put("port", b.port());
        o.put("state", m.isUp() ? "UP" : "DOWN");
        o.put("admin", m.admin().name().toLowerCase(Locale.ROOT));
        o.put("weight", m.weight());
        o.put("current", m.currentConnections());
        o.put("total", m.totalConnections());
        o.put("maxConnections", b.maxConnections());
        o.put("lastCheck", m.lastCheck());
        o.put("lastCheckAt", checkedAt(m));
        o.put("checkFailures", m.checkFailures());
        o.put("connectErrors", m.connectErrors());
        o.put("serverErrors", m.serverErrors());
        members.add(o);
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", s.plan().name());
      o.put("vip", s.plan().vip().text());
      o.put("ports", s.plan().ports());
      o.put("mode", s.plan().mode().word());
      o.put("layer", s.plan().layer());
      o.put("refused", s.refused());
      o.put("clientErrors", s.clientErrors());
      o.put("connectErrors", s.connectErrors());
      o.put("serverErrors", s.serverErrors());
      o.put("servers", members);
      o.put("vdirs", vdirs(s));
      services.add(o);
    }
    return services;
  }

  /** When member {@code m}'s last check ended, ISO-8601 to the millisecond; null if never. */
  private static String checkedAt(Member m) {
    return m.lastCheckAt() == null
        ? null
        : m.lastCheckAt().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /**
   * Each vdir pool with its members' state: MAINT (HAProxy's word for halted), DOWN, DRAIN or UP,
   * in that precedence, and the last check's result and time.
   */
  private static List<Object> vdirs(ServiceRuntime s) {
    List<Object> vdirs = new ArrayList<>();
    for (Pool p : s.vdirPools()) {
      List<Object> members = new ArrayList<>();
      for (Backend b : p.backends()) {
        Member m = b.member();
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("status", m.lastCheck());
        check.put("at", checkedAt(m));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("server", m.name());
        o.put("state", state(m));
        o.put("current", m.currentConnections());
        o.put("total", m.totalConnections());
        o.put("lastCheck", check);
        members.add(o);
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", p.vdir().word());
      o.put("backend", p.name());
      o.put("members", members);
      vdirs.add(o);
    }
    return vdirs;
  }

  // HAProxy's precedence (its stats, so the HAProxy engine's rows, and /metrics): a halt is MAINT,
  // a failing check DOWN even while drained, so a drain never hides a vdir that is out of service
  static String state(Member m) {
    return EmbeddedMetrics.state(m);
  }

  @Override
  public boolean act(String service, String server, String action) {
    return act(service, null, server, action);
  }

  /**
   * Sets a server's admin state in one service: in the pool of {@code vdir} only, or in every pool
   * of the service when {@code vdir} is null.
   */
  @Override
  public boolean act(String service, String vdir, String server, String action) {
    ServiceRuntime s = engine.services().get(service);
    List<Member> ms =
        s == null
            ? List.of()
            : s.pools().stream()
                .filter(p -> vdir == null || p.vdir() != null && p.vdir().word().equals(vdir))
                .flatMap(p -> p.backends().stream())
                .map(Backend::member)
                .filter(x -> x.name().equalsIgnoreCase(server))
                .toList();
    Member.Admin state =
        switch (action) {
          case "drain" -> Member.Admin.DRAIN;
          case "halt" -> Member.Admin.HALT;
          case "online" -> Member.Admin.ONLINE;
          default -> null;
        };
    if (ms.isEmpty() || state == null) {
      return false;
    }
    ms.forEach(m -> m.setAdmin(state));
    return true;
  }
}
