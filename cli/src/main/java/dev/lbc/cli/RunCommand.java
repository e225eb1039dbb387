package dev.lbc.cli;

import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.spi.Rules;
import dev.lbc.runtime.engine.BindMap;
import dev.lbc.runtime.serve.AdminAddress;
import dev.lbc.runtime.serve.Serve;
import dev.lbc.runtime.serve.Serve.EngineKind;
import dev.lbc.runtime.serve.Serving;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lbc run FILE}: compile, then {@link Serve} the deployment on the embedded engine until
 * interrupted, reloading it without dropping connections when the file changes or on SIGHUP, with
 * the status page and API on an admin address (credentials from LBC_ADMIN_USER and
 * LBC_ADMIN_PASSWORD). {@code --simulate-servers} also starts simulated Exchange servers at the
 * real servers' addresses.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Serve a deployment on the embedded engine, or on HAProxy (--engine haproxy).",
    footer = {
      "%nExamples:%n  lbc run examples/lab.yaml --simulate-servers",
      "  lbc run deploy.yaml --bind-map 192.168.30.10=127.0.0.10 --bind-map"
          + " 192.168.30.20=127.0.0.20",
      "",
      "The status page is at the --admin address; set LBC_ADMIN_USER and LBC_ADMIN_PASSWORD."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A .yaml, .yml or .lbc deployment.")
  Path file;

  @Option(
      names = "--bind-map",
      paramLabel = "FROM=TO",
      converter = OptionValues.BindMapping.class,
      description = "Use local address TO wherever the deployment says FROM; repeatable.")
  List<String> bindMap = new ArrayList<>();

  @Option(
      names = "--simulate-servers",
      description = "Start simulated Exchange servers at the real servers' addresses.")
  boolean simulate;

  @Option(
      names = "--admin",
      paramLabel = "ADDRESS:PORT",
      defaultValue = "127.0.0.1:9090",
      converter = AdminAddressConverter.class,
      description =
          "Where the status page and API listen (default: ${DEFAULT-VALUE}; port 0 picks a"
              + " free one).")
  AdminAddress admin;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      defaultValue = "embedded",
      description =
          "embedded (default, in-process) or haproxy (the compiled haproxy.cfg on HAProxy).")
  String engineName;

  @Option(
      names = "--emulate-l4",
      description = "Run layer 4 services as TCP proxies for lab tests (not transparent).")
  boolean emulateLayer4;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      defaultValue = "20000",
      converter = OptionValues.AtLeastOne.class,
      description =
          "Concurrent client connections over all services; more are refused"
              + " (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(
      names = "--apply-firewall",
      description =
          "Add the compiled firewall chains (lockdown, TPROXY) while running and remove"
              + " them on exit; the host's own rules and policies stay; root only.")
  boolean applyFirewall;

  @Option(
      names = "--access-log",
      paramLabel = "FILE|-",
      description = "Log each request (TCP session) in HAProxy's httplog (tcplog) format.")
  String accessLog;

  @Mixin OutputOptions options;

  @Override
  public Integer call() throws Exception {
    EngineKind engine = OptionValues.engine(engineName);
    Inputs.requireFile(file);
    BindMap map = OptionValues.bindMap(bindMap);
    CompileResult r = new Compiler(Rules.load(), false).compile(file, Inputs.display(file));
    if (r.hasErrors() || r.model() == null) {
      printDiagnostics(r);
      return Main.FINDINGS;
    }
    Plan plan = Planner.plan(r.model(), Inputs.display(file));
    Serve.Options o =
        new Serve.Options(
                file,
                Inputs.display(file),
                engine,
                map,
                admin,
                simulate,
                emulateLayer4,
                maxConnections,
                applyFirewall,
                System.getenv("LBC_ADMIN_USER"),
                System.getenv("LBC_ADMIN_PASSWORD"))
            .withAccessLog(accessLog);
    Consumer<String> log = EventLog.to(spec.commandLine().getOut());
    Serving serving;
    try {
      serving = Serve.start(o, plan, log, this::printDiagnostics);
    } catch (Serve.Refused e) {
      throw new Main.UsageError(e.getMessage());
    }
    Hangup.reloadOn(serving::reloadLater, log);
    serving.await();
    return Main.OK;
  }

  /** Diagnostics of a deployment that does not compile, at start or on a reload. */
  private void printDiagnostics(CompileResult r) {
    LintCommand.printText(List.of(r), spec.commandLine().getErr(), options.color());
  }
}
