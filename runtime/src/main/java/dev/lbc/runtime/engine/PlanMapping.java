package dev.lbc.runtime.engine;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.NamespacePlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.plan.Plan.VirtualAddress;

/**
 * A plan with every address passed through a bind map, so that a lab run of a real HAProxy binds
 * and connects where the embedded engine would. Addresses are typed, so a mapped address carries
 * its own family: an IPv6 VIP mapped onto 127.0.0.10 is bound as the IPv4 address it now is.
 */
public final class PlanMapping {
  private PlanMapping() {}

  public static Plan map(Plan p, BindMap m) {
    return new Plan(
        p.name(),
        p.source(),
        p.exchange(),
        p.extendedProtection(),
        p.outlookAnywhereAuth(),
        p.appliances().stream().map(a -> appliance(a, m)).toList(),
        p.floatingIps(),
        p.services().stream().map(s -> service(s, m)).toList(),
        p.servers(),
        p.certificates(),
        p.namespaces().stream()
            .map(n -> new NamespacePlan(n.host(), n.service(), m.map(n.vip()), n.purposes()))
            .toList(),
        p.requestBuffer(),
        p.adminPasswordHash(),
        p.adminPasswordEnv(),
        p.adminPasswordLiteral(),
        p.vrrpId());
  }

  private static AppliancePlan appliance(AppliancePlan a, BindMap m) {
    return new AppliancePlan(
        a.hostname(),
        a.role(),
        m.map(a.address()),
        a.prefix(),
        a.iface(),
        a.priority(),
        a.extraInterfaces(),
        a.virtualAddresses().stream()
            .map(v -> new VirtualAddress(m.map(v.address()), v.prefix(), v.iface()))
            .toList());
  }

  private static ServicePlan service(ServicePlan s, BindMap m) {
    return new ServicePlan(
        s.name(),
        m.map(s.vip()),
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
        s.allow().stream().map(m::map).toList(),
        s.members().stream()
            .map(
                x ->
                    new MemberPlan(
                        x.server(),
                        m.map(x.address()),
                        x.port(),
                        x.weight(),
                        x.maxConnections(),
                        x.minConnections()))
            .toList(),
        s.vdirs());
  }
}
