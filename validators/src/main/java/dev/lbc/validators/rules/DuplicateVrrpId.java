package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.ApplianceInterface;
import dev.lbc.compiler.model.Appliances;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.source.Span;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.compiler.value.IpNetwork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LBC117: two deployments of one run, on a shared network, with one VRRP virtual router ID. A rule
 * of the run ({@link LintRule#checkRun}): one deployment alone cannot break it.
 */
public final class DuplicateVrrpId implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC117",
          "duplicate-vrrp-id",
          Severity.ERROR,
          "Two deployments on one network with the same VRRP virtual router ID",
          """
          keepalived's VRRP instance of each deployment advertises its virtual router ID on the
          appliances' network. Two instances with the same ID on one network take each other's
          advertisements for their own: the appliances of one deployment may drop or claim the
          other's VIPs, and a failover in one moves addresses in the other. Each deployment's
          ID is `appliances.vrrp-id`, or derived from its name when not written, so two
          deployments can draw the same one by chance.

          The rule looks across the files linted together (`lbc lint a.yaml b.lbc`, or a
          folder): it needs two deployments, with different names (one deployment written in
          both syntaxes is one deployment), whose appliance networks overlap. It is reported at
          the second file's `vrrp-id` (or its name, when the ID is derived), with the first
          file's as the other side.
          """,
          "Give one of the deployments another `appliances.vrrp-id` (1-255), one no other VRRP"
              + " router on that network uses.",
          "Exchange 2016 guide §15.5 \"Configuring HA - Adding a Secondary Appliance\" (the"
              + " clustered pair); Exchange 2013 guide §16 Appendix 5 \"Clustered Pair Configuration"
              + " – Adding a Slave Unit\" (the pair's heartbeat, \"restart heartbeat\")",
          "",
          "");

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    // One deployment cannot clash with itself: see checkRun.
  }

  @Override
  public void checkRun(List<Deployment> deployments, RuleContext context) {
    Map<Integer, List<Deployment>> byId = new LinkedHashMap<>();
    for (Deployment d : deployments) {
      byId.computeIfAbsent(Planner.vrrpId(d), k -> new ArrayList<>()).add(d);
    }
    for (Map.Entry<Integer, List<Deployment>> e : byId.entrySet()) {
      List<Deployment> same = e.getValue();
      // An ID group is small: the pairs within it are few.
      for (int j = 1; j < same.size(); j++) {
        Deployment second = same.get(j);
        for (int i = 0; i < j; i++) {
          Deployment first = same.get(i);
          if (!first.name().equalsIgnoreCase(second.name()) && shareANetwork(first, second)) {
            context.report(
                context
                    .at(
                        idSpan(second),
                        "deployment "
                            + second.name()
                            + " uses VRRP virtual router ID "
                            + e.getKey()
                            + (second.appliances().vrrpId() == null
                                ? " (derived from its name)"
                                : "")
                            + ", as "
                            + first.name()
                            + " does on the same network")
                    .withSecondary(
                        idSpan(first),
                        first.name()
                            + " uses "
                            + e.getKey()
                            + (first.appliances().vrrpId() == null
                                ? ", derived from its name"
                                : ""))
                    .withHelp("set `appliances.vrrp-id` to an ID no other VRRP router there uses"));
            break;
          }
        }
      }
    }
  }

  private static Span idSpan(Deployment d) {
    Appliances a = d.appliances();
    return a.vrrpId() != null ? a.src().of("vrrp-id") : d.src().of("name");
  }

  private static boolean shareANetwork(Deployment a, Deployment b) {
    List<IpNetwork> theirs = networks(b);
    for (IpNetwork n : networks(a)) {
      for (IpNetwork m : theirs) {
        if (n.contains(m.network()) || m.contains(n.network())) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<IpNetwork> networks(Deployment d) {
    Appliances a = d.appliances();
    List<IpNetwork> out = new ArrayList<>();
    out.add(a.primary().address());
    if (a.secondary() != null) {
      out.add(a.secondary().address());
    }
    for (ApplianceInterface i : a.interfaces()) {
      out.add(i.address());
    }
    return out;
  }
}
