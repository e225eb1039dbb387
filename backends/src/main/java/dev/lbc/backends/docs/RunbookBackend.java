package dev.lbc.backends.docs;

import dev.lbc.backends.Templates;
import dev.lbc.backends.exchange.ExchangeBackend;
import dev.lbc.backends.haproxy.HaproxyBackend;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.Os;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.plan.Plan.ServerPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.spi.Backend;
import java.util.ArrayList;
import java.util.List;

/**
 * RUNBOOK.md: what to run where, in order, following the guides' steps (each appliance's own base
 * settings in {@link ApplianceSettings}, every server's script, mail flow in {@link MailFlow}),
 * then the guides' verification, per layer where it differs ({@link Verification}).
 */
public final class RunbookBackend implements Backend {
  @Override
  public String name() {
    return "runbook";
  }

  /**
   * The view: pre-escaped Markdown fragments. {@code certificates} are the install commands of the
   * offload PEMs; {@code password} says where to set the statistics page's variable in HAProxy's
   * environment, or is null when a hash or a written password protects the page. {@code
   * updateWarning}: a service offloads SSL while Extended Protection is off, which the next
   * Exchange update may turn on. {@code relayConnector}: configure-exchange.ps1 creates the relay
   * receive connector ({@link ExchangeBackend#relay}).
   */
  public record RunbookView(
      String title,
      String source,
      List<String> appliances,
      List<String> services,
      List<String> preparedServers,
      List<String> manualServers,
      boolean dr,
      boolean routed,
      List<String> applianceSettings,
      List<String> mailFlow,
      boolean relayConnector,
      List<String> sendConnector,
      boolean layer7,
      List<String> layer4Watch,
      List<String> smtpTest,
      boolean lockdown,
      boolean tproxy,
      boolean offload,
      String exchange,
      boolean extendedProtection,
      boolean updateWarning,
      String firstServer,
      String smtpVip,
      String statsUrl,
      boolean ha,
      List<String> certificates,
      PasswordStep password,
      List<String> vdirWatch) {}

  /** Inline code: the variable, its line in an environment file, and the check that needs it. */
  public record PasswordStep(String variable, String line, String check) {}

  @Override
  public List<GeneratedFile> renderDeployment(Plan plan) {
    return List.of(
        new GeneratedFile("RUNBOOK.md", Templates.render("docs/RUNBOOK.md.ftl", view(plan))));
  }

  static RunbookView view(Plan plan) {
    List<String> appliances = new ArrayList<>();
    for (AppliancePlan a : plan.appliances()) {
      appliances.add(
          Markdown.code(a.hostname())
              + " ("
              + a.role().word()
              + ", "
              + Markdown.code(a.address().text())
              + "): copy "
              + Markdown.code("appliances/" + a.hostname() + "/"));
    }
    List<String> services = new ArrayList<>();
    for (ServicePlan s : plan.services()) {
      services.add(
          "| "
              + Markdown.text(s.name())
              + " | "
              + Markdown.code(s.vip().text())
              + " | "
              + s.ports().toString().replaceAll("[\\[\\]]", "")
              + " | "
              + s.mode().word()
              + " | "
              + s.layer()
              + " | "
              + s.members().size()
              + " |");
    }
    List<String> prepared = new ArrayList<>();
    List<String> manual = new ArrayList<>();
    for (ServerPlan s : plan.servers()) {
      if (s.os() == Os.LINUX) {
        if (s.generateArp() && !s.loopbackVips().isEmpty()) {
          prepared.add(
              Markdown.code(s.name())
                  + ": "
                  + Markdown.code("servers/" + s.name() + "/prepare.sh")
                  + " (the ARP problem)");
        }
      } else {
        prepared.add(
            Markdown.code(s.name())
                + ": "
                + Markdown.code("servers/" + s.name() + "/prepare.ps1")
                + " ("
                + String.join(", ", preparation(s))
                + ")");
      }
      if (!s.loopbackVips().isEmpty() && !s.generateArp()) {
        manual.add(Markdown.code(s.name()));
      }
    }
    String smtpVip =
        plan.services().stream()
            .filter(s -> s.ports().contains(25))
            .map(s -> s.vip().text())
            .findFirst()
            .orElse(null);
    AppliancePlan primary = plan.primary();
    return new RunbookView(
        Markdown.text(plan.name()),
        Markdown.code(Templates.sourceLabel(plan)),
        appliances,
        services,
        prepared,
        manual,
        plan.servers().stream()
            .anyMatch(s -> s.generateArp() && !s.loopbackVips().isEmpty() && s.os() != Os.LINUX),
        plan.servers().stream().anyMatch(s -> s.gateway() != null),
        ApplianceSettings.rows(plan),
        MailFlow.notes(plan),
        ExchangeBackend.relay(plan) != null,
        MailFlow.sendConnector(plan),
        plan.services().stream().anyMatch(s -> s.layer() == 7),
        Verification.layer4Watch(plan, firstServer(plan)),
        Verification.smtpTest(plan, firstServer(plan)),
        plan.services().stream().anyMatch(s -> !s.allow().isEmpty()),
        plan.services().stream().anyMatch(s -> s.mode() == Mode.TPROXY),
        plan.services().stream().anyMatch(s -> s.certificate() != null && !s.reencrypt()),
        Markdown.text(plan.exchange().title()),
        plan.extendedProtection(),
        !plan.extendedProtection()
            && plan.services().stream().anyMatch(s -> s.certificate() != null && !s.reencrypt()),
        firstServer(plan),
        smtpVip,
        "http://"
            + (primary.address().isV6()
                ? "[" + primary.address().text() + "]"
                : primary.address().text())
            + ":7777/",
        plan.isHaPair(),
        plan.certificates().stream()
            .map(
                c ->
                    Markdown.code(
                        "install -m 0600 -o root -g root certs/"
                            + c.name()
                            + ".pem "
                            + HaproxyBackend.INSTALLED_CERTS
                            + "/"))
            .toList(),
        plan.adminPasswordHash() == null && plan.adminPasswordEnv() != null
            ? passwordStep(plan.adminPasswordEnv())
            : null,
        Verification.vdirWatch(plan, firstServer(plan)));
  }

  /** The server the verification steps take out: the first one, or a placeholder. */
  static String firstServer(Plan plan) {
    return plan.servers().isEmpty() ? "MBOX1" : plan.servers().get(0).name();
  }

  /** What a server's prepare.ps1 does, in a few words each. */
  private static List<String> preparation(ServerPlan s) {
    List<String> what = new ArrayList<>();
    long ms = s.tcpKeepAliveMs();
    what.add("TCP keep-alive " + (ms % 60_000 == 0 ? ms / 60_000 + " min" : ms / 1000 + " s"));
    if (s.gateway() != null) {
      what.add("default gateway " + Markdown.code(s.gateway().text()));
    }
    if (s.generateArp() && !s.loopbackVips().isEmpty()) {
      what.add("the ARP problem");
    }
    if (s.logForwardedFor()) {
      what.add("IIS logs X-Forwarded-For");
    }
    return what;
  }

  private static PasswordStep passwordStep(String variable) {
    return new PasswordStep(
        Markdown.code(variable),
        Markdown.code(variable + "=<password>"),
        Markdown.code(variable + "=check haproxy -c -f haproxy.cfg"));
  }
}
