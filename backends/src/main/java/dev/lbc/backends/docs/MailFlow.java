package dev.lbc.backends.docs;

import dev.lbc.backends.exchange.ExchangeBackend;
import dev.lbc.backends.windows.WindowsQuoting;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.ServerPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The RUNBOOK's mail flow steps (Exchange 2016 guide §7.6, §15.1): where a receive connector can be
 * scoped to the lockdown ranges and where it cannot, and the send connector the guides create by
 * hand.
 */
final class MailFlow {
  private MailFlow() {}

  /** One paragraph per kind of SMTP service the deployment has. */
  static List<String> notes(Plan plan) {
    List<String> notes = new ArrayList<>();
    List<ServicePlan> smtp = plan.services().stream().filter(s -> s.ports().contains(25)).toList();
    if (ExchangeBackend.relay(plan) != null) {
      notes.add(
          "SMTP reaches the servers with the client's own address ("
              + modes(smtp, true)
              + "), so `exchange/configure-exchange.ps1` also creates, on each server, a"
              + " FrontEnd receive connector that accepts relay only from the lockdown ranges"
              + " (its `RemoteIPRanges`), and puts its ranges right when the deployment changes.");
    }
    if (smtp.stream().anyMatch(s -> !s.transparent())) {
      notes.add(
          "SMTP through SNAT: every connection comes from the appliance, so a receive connector"
              + " scoped by `RemoteIPRanges` would see only the appliance's address and accept"
              + " either every client or none. Scope SMTP on the appliance instead: the"
              + " service's `lockdown.allow` (2016 guide §15.1), which LBC208 asks for. Leave the"
              + " servers' receive connectors accepting the appliance's addresses.");
    }
    return notes;
  }

  private static String modes(List<ServicePlan> smtp, boolean transparent) {
    return smtp.stream()
        .filter(s -> s.transparent() == transparent)
        .map(s -> s.mode().word())
        .distinct()
        .collect(Collectors.joining(", "));
  }

  /**
   * The send connector Exchange does not create (2016 guide §7.6): the command for the deployment's
   * servers, by DNS, with the smart-host variant beside it.
   */
  static List<String> sendConnector(Plan plan) {
    String servers =
        plan.servers().stream()
            .map(ServerPlan::name)
            .map(WindowsQuoting::ps)
            .collect(Collectors.joining(","));
    return List.of(
        Markdown.code(
            "New-SendConnector -Name 'Internet' -Usage Internet -AddressSpaces '*'"
                + " -SourceTransportServers "
                + servers
                + " -DNSRoutingEnabled $true"),
        Markdown.code("-SmartHosts '<smart host>' -DNSRoutingEnabled $false"));
  }
}
