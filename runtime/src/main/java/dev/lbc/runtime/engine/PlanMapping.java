package dev.lbc.runtime.engine;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.NamespacePlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.plan.Plan.SourcePlan;

/**
 * A plan with every address passed through a bind map, so that a lab run of a real HAProxy binds
 * and connects where the embedded engine would.
 */
public final class PlanMapping {
  private PlanMapping() {}

  public static Plan map(Plan p, BindMap m) {
    return new Plan(
        p.name(),
        p.source(),
        p.exchange(),
        p.appliances().stream()
            .map(
                a ->
                    new AppliancePlan(
                        a.hostname(),
                        a.role(),
                        m.map(a.address()),
                        a.prefix(),
                        a.iface(),
                        a.priority(),
                        a.extraInterfaces()))
            .toList(),
        p.floatingIps(),
        p.services().stream()
            .map(
                s ->
                    new ServicePlan(
                        s.name(),
                        m.map(s.vip()),
                        s.vipIsV6(),
                        s.ports(),
                        s.mode(),
                        s.layer(),
                        s.protocol(),
                        s.balance(),
                        s.persistence(),
                        s.check(),
                        s.clientTimeoutMs(),
                        s.serverTimeoutMs(),
                        s.certificate(),
                        s.tlsPorts(),
                        s.reencrypt(),
                        s.xForwardedFor(),
                        s.redirectHttps(),
                        s.allow().stream()
                            .map(a -> new SourcePlan(a.kind(), m.map(a.text()), a.v6()))
                            .toList(),
                        s.members().stream()
                            .map(
                                x ->
                                    new MemberPlan(
                                        x.server(),
                                        m.map(x.address()),
                                        x.v6(),
                                        x.port(),
                                        x.weight(),
                                        x.maxConnections(),
                                        x.minConnections()))
                            .toList()))
            .toList(),
        p.servers(),
        p.certificates(),
        p.namespaces().stream()
            .map(
                n -> new NamespacePlan(n.host(), n.service(), m.map(n.vip()), n.v6(), n.purposes()))
            .toList(),
        p.requestBuffer(),
        p.adminPasswordHash(),
        p.adminPasswordEnv(),
        p.adminPasswordLiteral());
  }
}
