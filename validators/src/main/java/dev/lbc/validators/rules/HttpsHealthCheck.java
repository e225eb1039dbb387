package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.HealthCheck;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LBC203: an HTTPS service not checked on a documented healthcheck.htm. */
public final class HttpsHealthCheck implements LintRule {
  private static final Pattern PATH =
      Pattern.compile("/([^/]+)/healthcheck\\.htm", Pattern.CASE_INSENSITIVE);
  private static final Set<String> VDIRS =
      Set.of(
          "owa", "ecp", "ews", "microsoft-server-activesync", "autodiscover", "oab", "mapi", "rpc");

  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC203",
          "https-health-check",
          Severity.WARNING,
          "HTTPS service without a check of a documented /<vdir>/healthcheck.htm expecting 200",
          """
          Exchange generates `/<vdir>/healthcheck.htm` in memory from the state of the protocol's
          components (owa, ecp, ews, Microsoft-Server-ActiveSync, autodiscover, oab, mapi, rpc);
          it answers 200 only while that protocol is healthy and follows
          `Set-ServerComponentState` during maintenance. A TCP check, another page or another
          expected status misses a server whose IIS is up but whose Exchange protocol is down.
          """,
          "Use `health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }` (or"
              + " another virtual directory's healthcheck.htm).",
          "Exchange 2016 guide §6.6 \"Health-Checks\"; Exchange 2013 guide \"Health-Checks\"",
          Example.withServices(
              """
                - name: MBOX-HTTPS
                  vip: 192.168.30.10
                  ports: [443]
                  mode: snat
                  health-check: { type: tcp-connect }  # ~ LBC203
                  real-servers: [{ server: MBOX1, port: 443 }]
              """
                  + Example.SMTP),
          Example.with(""));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Service s : deployment.services()) {
      if (!s.ports().contains(443) || s.redirect() != null) {
        continue;
      }
      HealthCheck h = s.healthCheck();
      // The check the build gives this service when none is written: the rule suggests it, so
      // that following the help writes down what the build already does.
      CheckPlan wanted = Planner.defaultCheck(s);
      if (h == null) {
        context.report(
            context
                .at(s.src().of("name"), "HTTPS service " + s.name() + " has no health check")
                .withHelp(
                    "add `health-check: { type: "
                        + wanted.type().word()
                        + ", path: "
                        + wanted.path()
                        + ", expect: "
                        + wanted.expect()
                        + " }`"));
        continue;
      }
      if (h.type() != CheckType.HTTPS_GET && h.type() != CheckType.HTTP_GET) {
        context.report(
            context
                .at(
                    h.src().of("type"),
                    "HTTPS service "
                        + s.name()
                        + " is checked with "
                        + h.type().word()
                        + ", which cannot see the state of Exchange")
                .withHelp(
                    "use "
                        + wanted.type().word()
                        + " of "
                        + wanted.path()
                        + " expecting "
                        + wanted.expect()));
        continue;
      }
      Matcher m = h.path() == null ? null : PATH.matcher(h.path());
      if (m == null || !m.matches() || !VDIRS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
        context.report(
            context
                .at(
                    h.src().of("path"),
                    h.path() == null
                        ? "the health check of " + s.name() + " requests no healthcheck.htm"
                        : "the health check of "
                            + s.name()
                            + " requests "
                            + h.path()
                            + ", not a documented /<vdir>/healthcheck.htm")
                .withHelp(
                    "request /owa/healthcheck.htm (or ecp, ews, oab, mapi, rpc,"
                        + " autodiscover, Microsoft-Server-ActiveSync)"));
        continue;
      }
      if (h.expect() != null && h.expect() != 200) {
        context.report(
            context
                .at(
                    h.src().of("expect"),
                    "the health check of "
                        + s.name()
                        + " expects "
                        + h.expect()
                        + "; healthcheck.htm answers 200 when healthy")
                .withHelp("expect 200"));
      }
    }
  }
}
