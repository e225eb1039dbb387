package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Keyword;
import dev.lbc.compiler.model.Namespace;
import dev.lbc.compiler.model.Purpose;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.validators.net.Topology;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LBC213: a layer 4 HTTPS service behind a namespace used for several protocols. */
public final class Layer4HttpsOneNamespace implements LintRule {
  private static final Pattern VDIR =
      Pattern.compile("/([^/]+)/healthcheck\\.htm", Pattern.CASE_INSENSITIVE);

  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC213",
          "layer4-https-one-namespace",
          Severity.INFO,
          "Layer 4 HTTPS service behind one namespace: one probe decides for every protocol",
          """
          At layer 4 the appliance cannot see which virtual directory a request is for, so one
          health check (usually /owa/healthcheck.htm) decides for OWA, EWS, ActiveSync, MAPI and
          the rest. A server whose EWS is down but whose OWA is up keeps receiving EWS clients.
          This is the guides' own recommended design (one namespace, one VIP, the OWA check
          standing for the rest), a trade-off they accept for simplicity; lbc reports it as
          information so that it is known, not as a problem.

          It is a warning when the deployment mixes into that one probe a protocol it checks
          on its own elsewhere: another service's health check requests that protocol's
          healthcheck.htm. The deployment then wants that protocol judged by its own check,
          yet clients of this namespace reach it on a server the OWA probe alone decides for.
          """,
          "Nothing, for the guides' single namespace. For granular checks, use one namespace and"
              + " service per protocol, each checking its own healthcheck.htm (the guides' example"
              + " 2). When a protocol has its own check elsewhere, take it out of the shared"
              + " namespace and point its own namespace at the service that checks it.",
          "Exchange 2016 guide §6.5 \"HTTPS Namespaces & IP addresses\" (example 1 note 3,"
              + " example 2 note 3); Exchange 2013 guide §7 \"Load Balancing Exchange 2013\","
              + " \"HTTPS Namespaces & IP addresses\" (the same examples)",
          Example.withServices(
                  """
                - name: MBOX-HTTPS
                  vip: 192.168.30.10
                  ports: [443]
                  mode: dr
                  health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
                  real-servers: [{ server: MBOX1 }]
              """
                      + Example.SMTP)
              .replace("purpose: [owa] }", "purpose: [owa, ews, activesync] }  # ~ LBC213"),
          Example.withServices(
              """
                - name: MBOX-HTTPS
                  vip: 192.168.30.10
                  ports: [443]
                  mode: dr
                  health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
                  real-servers: [{ server: MBOX1 }]
              """
                  + Example.SMTP));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    Topology topology = Topology.of(context);
    // Which service checks each protocol on its own: one pass over the services.
    Map<Purpose, Service> ownCheck = new EnumMap<>(Purpose.class);
    for (Service s : deployment.services()) {
      Purpose probed = probed(s);
      if (probed != null) {
        ownCheck.putIfAbsent(probed, s);
      }
    }
    for (Namespace n : deployment.namespaces()) {
      Service s = topology.service(n.service());
      if (s == null
          || s.effectiveLayer() != 4
          || !s.ports().contains(443)
          || n.purposes().size() <= 1) {
        continue;
      }
      Purpose probed = probed(s);
      List<String> checkedElsewhere = new ArrayList<>();
      Service other = null;
      for (Purpose p : n.purposes()) {
        Service o = ownCheck.get(p);
        if (p != probed && o != null && !o.name().equalsIgnoreCase(s.name())) {
          checkedElsewhere.add(p.word());
          other = other == null ? o : other;
        }
      }
      Diagnostic d =
          context
              .at(
                  n.src().of("purpose"),
                  "namespace "
                      + n.host()
                      + " carries "
                      + n.purposes().size()
                      + " protocols to layer 4 service "
                      + s.name()
                      + ", which one health check decides for"
                      + (other == null
                          ? ""
                          : ", among them "
                              + String.join(", ", checkedElsewhere)
                              + ", which "
                              + other.name()
                              + " checks on its own"))
              .withSecondary(s.src().of("mode"), "layer 4");
      if (other == null) {
        context.report(
            d.withNote(
                    "the guides' single-namespace design: a trade-off they accept (2016 guide"
                        + " §6.5, example 1)")
                .withHelp("for granular checks, split the namespace per protocol"));
      } else {
        context.report(
            d.withSeverity(Severity.WARNING)
                .withSecondary(
                    other.healthCheck() != null && other.healthCheck().src().has("path")
                        ? other.healthCheck().src().of("path")
                        : other.src().of("name"),
                    String.join(", ", checkedElsewhere) + " has its own check here")
                .withNote(
                    "clients of "
                        + n.host()
                        + " reach "
                        + String.join(", ", checkedElsewhere)
                        + " on servers only the "
                        + (probed == null ? "one" : probed.word())
                        + " check decides for")
                .withHelp(
                    "remove "
                        + String.join(", ", checkedElsewhere)
                        + " from this namespace, or point it at the service that checks it"));
      }
    }
  }

  /** The protocol whose healthcheck.htm the service's emitted check requests, or null. */
  private static Purpose probed(Service s) {
    CheckPlan c = Planner.emittedCheck(s);
    if (!c.http() || c.path() == null) {
      return null;
    }
    Matcher m = VDIR.matcher(c.path());
    if (!m.matches()) {
      return null;
    }
    String vdir = m.group(1).toLowerCase(Locale.ROOT);
    return vdir.equals("microsoft-server-activesync")
        ? Purpose.ACTIVESYNC
        : Keyword.of(Purpose.class, vdir);
  }
}
