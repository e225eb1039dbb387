package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.model.Timeouts;
import dev.lbc.compiler.model.Vdir;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.compiler.value.Duration;
import java.util.Map;

/** LBC219: an ActiveSync or MAPI timeout shorter than its service's. */
public final class LongPollVdirTimeout implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC219",
          "long-poll-vdir-timeout",
          Severity.ERROR,
          "ActiveSync or MAPI timeout shorter than the service's",
          """
          ActiveSync's Ping and MAPI over HTTP's notification requests are long-polls: the client
          sends a request the server answers only when mail arrives or the heartbeat ends, which
          the client may stretch close to an hour. A timeout shorter than the one the rest of the
          service gets cuts exactly these requests: phones stop receiving push mail and Outlook
          reconnects over and over. lbc refuses such a `vdir-timeouts` entry instead of raising it
          in silence, so that what is deployed is what is written. A vdir without an entry takes
          the service's timeouts, 30 minutes unless written.
          """,
          "Give `activesync` and `mapi` at least the service's timeouts (30m by default), or"
              + " remove their `vdir-timeouts` entry.",
          "Exchange 2016 guide §9.2.1 step 15 (\"set both Client Timeout & Real Server Timeout"
              + " to 30m\") and §6.6 \"Health-Checks\"",
          Example.with(
              """
                - { name: MBOX-HTTP, vip: 192.168.30.11, ports: [80], mode: snat, protocol: http, vdirs: [activesync], vdir-timeouts: { activesync: { client: 5m } }, real-servers: [{ server: MBOX1, port: 80 }] }  # ~ LBC219
              """),
          Example.with(
              """
                - { name: MBOX-HTTP, vip: 192.168.30.11, ports: [80], mode: snat, protocol: http, vdirs: [activesync], vdir-timeouts: { activesync: { client: 60m } }, real-servers: [{ server: MBOX1, port: 80 }] }
              """));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Service s : deployment.services()) {
      for (Map.Entry<Vdir, Timeouts> e : s.vdirTimeouts().entrySet()) {
        if (!e.getKey().longPoll()) {
          continue;
        }
        check(
            s,
            e.getKey(),
            e.getValue(),
            "client",
            e.getValue().client(),
            s.timeouts().client(),
            context);
        check(
            s,
            e.getKey(),
            e.getValue(),
            "server",
            e.getValue().server(),
            s.timeouts().server(),
            context);
      }
    }
  }

  private static void check(
      Service s,
      Vdir v,
      Timeouts written,
      String which,
      Duration vdir,
      Duration service,
      RuleContext context) {
    long floor = service == null ? Planner.DEFAULT_TIMEOUT_MS : service.millis();
    if (vdir == null || vdir.millis() >= floor) {
      return;
    }
    context.report(
        context
            .at(
                written.src().of(which),
                "the "
                    + which
                    + " timeout of "
                    + v.word()
                    + " on "
                    + s.name()
                    + " is "
                    + vdir.text()
                    + ", shorter than the service's "
                    + (service == null ? "30m" : service.text())
                    + ": it would cut "
                    + v.word()
                    + "'s long-polls")
            .withHelp(
                "use at least "
                    + (service == null ? "30m" : service.text())
                    + ", or remove the entry to take the service's"));
  }
}
