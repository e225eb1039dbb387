package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.HealthCheck;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.source.Span;
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
          "HTTPS service not checked on a documented /<vdir>/healthcheck.htm expecting 200",
          """
          Exchange generates `/<vdir>/healthcheck.htm` in memory from the state of the protocol's
          components (owa, ecp, ews, Microsoft-Server-ActiveSync, autodiscover, oab, mapi, rpc);
          it answers 200 only while that protocol is healthy and follows
          `Set-ServerComponentState` during maintenance. A TCP check, another page or another
          expected status misses a server whose IIS is up but whose Exchange protocol is down.

          A service that writes no health check gets exactly the guides' check (an HTTPS GET of
          /owa/healthcheck.htm expecting 200; HTTP when SSL is offloaded without re-encryption):
          plan.json marks it `"defaulted": true`, and this rule has nothing to say about it. A
          written check is judged with the same defaults filled in.

          A check that accepts 401 is the most tempting mistake, because a 401 looks like "the
          server answered". healthcheck.htm needs no authentication, so a 401 only ever comes
          from another page, one that asks for a login before Exchange looks at any protocol:
          IIS sends it just the same while the Exchange protocol is down or the server is set
          Inactive for maintenance. The check then keeps a broken server in the pool, and
          clients are sent to it.
          """,
          "Use `health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }` (or"
              + " another virtual directory's healthcheck.htm).",
          "Exchange 2016 guide §6.6 \"Health-Checks\" and §9.2.1 steps 11-15; Exchange 2013"
              + " guide §7 \"Load Balancing Exchange 2013\", \"Health-Checks\"",
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
      // The rule judges the check the build emits: a service that writes none gets the guides'
      // check (Planner.defaultCheck), and a written check is completed with the same defaults.
      HealthCheck h = s.healthCheck();
      CheckPlan emitted = Planner.emittedCheck(s);
      CheckPlan wanted = Planner.defaultCheck(s);
      if (!emitted.http()) {
        context.report(
            context
                .at(
                    at(s, "type"),
                    "HTTPS service "
                        + s.name()
                        + " is checked with "
                        + emitted.type().word()
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
      Matcher m = PATH.matcher(emitted.path());
      if (!m.matches() || !VDIRS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
        context.report(
            context
                .at(
                    at(s, "path"),
                    "the health check of "
                        + s.name()
                        + " requests "
                        + emitted.path()
                        + ", not a documented /<vdir>/healthcheck.htm")
                .withHelp(
                    "request /owa/healthcheck.htm (or ecp, ews, oab, mapi, rpc,"
                        + " autodiscover, Microsoft-Server-ActiveSync)"));
        continue;
      }
      if (emitted.expect() != 200) {
        var d =
            context.at(
                at(s, "expect"),
                "the health check of "
                    + s.name()
                    + " expects "
                    + emitted.expect()
                    + "; healthcheck.htm answers 200 when healthy");
        if (emitted.expect() == 401) {
          d =
              d.withNote(
                  "healthcheck.htm needs no login: a 401 comes from a page that is not the"
                      + " health check, and IIS sends it while Exchange is down or inactive");
        }
        context.report(d.withHelp("expect 200"));
      }
    }
  }

  /** Where to report about {@code key} of the check: the written key, else the service's name. */
  private static Span at(Service s, String key) {
    HealthCheck h = s.healthCheck();
    return h != null && h.src().has(key) ? h.src().of(key) : s.src().of("name");
  }
}
