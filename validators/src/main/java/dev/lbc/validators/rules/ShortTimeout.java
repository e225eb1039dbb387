package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.compiler.value.Duration;

/** LBC204: a layer 7 timeout under 30 minutes. */
public final class ShortTimeout implements LintRule {
  private static final Duration RECOMMENDED = new Duration(30, "m");

  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC204",
          "short-timeout",
          Severity.WARNING,
          "Layer 7 client or server timeout shorter than 30m",
          """
          Outlook, ActiveSync and EWS notifications hold connections open for long periods with
          little traffic. A short layer 7 timeout closes them and clients reconnect over and over
          (Outlook shows disconnections, ActiveSync battery use rises). The guides set both the
          client and the real server timeout to 30 minutes on every layer 7 service. A zero
          timeout is not a short one: to HAProxy it means no timeout, so idle connections would
          never be reaped, and lbc refuses it (LBC002) before this rule runs.
          """,
          "Set `timeouts: { client: 30m, server: 30m }` (lbc's default when omitted).",
          "Exchange 2016 guide §9.2.1 step 15 (\"set both Client Timeout & Real Server Timeout"
              + " to 30m\"); Exchange 2013 guide §11 \"Appliance Configuration for Exchange 2013 –"
              + " Using SNAT Mode\", \"Configure VIP1 – CAS Role HTTPS Services\" step 15",
          Example.with(
              """
                - { name: MBOX-POP3, vip: 192.168.30.10, ports: [110], mode: snat, timeouts: { client: 50s }, real-servers: [{ server: MBOX1 }] }  # ~ LBC204
              """),
          Example.with(
              """
                - { name: MBOX-POP3, vip: 192.168.30.10, ports: [110], mode: snat, timeouts: { client: 30m }, real-servers: [{ server: MBOX1 }] }
              """));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Service s : deployment.services()) {
      if (s.effectiveLayer() != 7) {
        continue;
      }
      check(s, "client", s.timeouts().client(), context);
      check(s, "server", s.timeouts().server(), context);
    }
  }

  private static void check(Service s, String which, Duration d, RuleContext context) {
    if (d != null && d.compareTo(RECOMMENDED) < 0) {
      context.report(
          context
              .at(
                  s.timeouts().src().of(which),
                  "the "
                      + which
                      + " timeout of "
                      + s.name()
                      + " is "
                      + d.text()
                      + ", shorter than 30m")
              .withHelp("use 30m: Exchange keeps quiet connections open for long periods"));
    }
  }
}
