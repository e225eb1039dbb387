package dev.lbc.cli;

import dev.lbc.compiler.print.Starter;
import dev.lbc.compiler.print.Starter.Values;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lbc init}: a first deployment in the guides' recommended layout. Values not given are
 * asked for on a terminal; elsewhere (CI, a pipe) they are a usage error, never a guess.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Write a commented starting deployment (a pair, HTTPS with autodiscover, SMTP).",
    footer = {
      "%nExamples:%n  lbc init",
      "  lbc init deploy.yaml --vip 192.168.30.10 --domain example.com \\",
      "      --server MBOX1=192.168.30.20 --server MBOX2=192.168.30.21 \\",
      "      --appliance lb1=192.168.30.5/24 --appliance lb2=192.168.30.6/24"
    })
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Where answers come from; null means the terminal, if there is one. Tests set it. */
  BufferedReader answers;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "deploy.yaml or deploy.lbc.")
  Path file;

  @Option(names = "--exchange", paramLabel = "RELEASE", description = "2016, 2019 or se.")
  String exchange = "se";

  @Option(names = "--mode", paramLabel = "MODE", description = "snat (default), dr, nat, tproxy.")
  String mode = "snat";

  @Option(names = "--vip", paramLabel = "ADDR", description = "The virtual IP clients connect to.")
  String vip;

  @Option(names = "--domain", paramLabel = "DOMAIN", description = "mail. and autodiscover. it.")
  String domain;

  @Option(
      names = "--gateway",
      paramLabel = "ADDR/PREFIX",
      description = "nat, tproxy: the appliances' floating IP on the servers' network.")
  String gateway;

  @Option(names = "--server", paramLabel = "NAME=ADDR", description = "A Mailbox server.")
  List<String> servers = new ArrayList<>();

  @Option(
      names = "--appliance",
      paramLabel = "NAME=ADDR/PREFIX",
      description = "An appliance; two, primary first.")
  List<String> appliances = new ArrayList<>();

  @Option(names = "--dsl", description = "Write the DSL, not YAML.")
  boolean dsl;

  @Override
  public Integer call() throws IOException {
    Path out = file != null ? file : Path.of(dsl ? "deploy.lbc" : "deploy.yaml");
    if (Files.exists(out)) {
      throw new Main.UsageError(out + " exists; lbc init never overwrites a file");
    }
    BufferedReader in = answers;
    Console console = System.console();
    if (in == null && console != null) {
      in = new BufferedReader(console.reader());
    }
    List<String> missing =
        Starter.missing(mode, vip, domain, gateway, servers.isEmpty(), appliances.isEmpty());
    if (in == null && !missing.isEmpty()) {
      throw new Main.UsageError(
          "not on a terminal, so nothing is asked; give " + String.join(", ", missing));
    }
    vip = ask(in, vip, "VIP address", "192.168.30.10");
    domain = ask(in, domain, "Mail domain", "example.com");
    if (Starter.twoArm(mode)) {
      gateway = ask(in, gateway, "Appliances' floating IP on the servers' net", "10.0.0.1/24");
    }
    String net = Starter.twoArm(mode) ? "10.0.0." : "192.168.30.";
    servers = askList(in, servers, "Mailbox servers", "MBOX1=" + net + "20,MBOX2=" + net + "21");
    appliances = askList(in, appliances, "Appliances", "lb1=192.168.30.5/24,lb2=192.168.30.6/24");
    Values v =
        new Values(
            "exchange",
            exchange,
            mode,
            vip,
            domain,
            gateway,
            Starter.hosts(servers),
            Starter.hosts(appliances));
    List<String> problems = Starter.problems(v);
    if (!problems.isEmpty()) {
      throw new Main.UsageError(String.join("\n  ", problems));
    }
    Files.writeString(out, dsl ? Starter.dsl(v) : Starter.yaml(v), StandardCharsets.UTF_8);
    spec.commandLine().getOut().println("wrote " + out + "; next: lbc lint " + out);
    return Main.OK;
  }

  private String ask(BufferedReader in, String given, String what, String def) throws IOException {
    if (given != null) {
      return given;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.print(what + " [" + def + "]: ");
    err.flush();
    String line = in.readLine();
    return line == null || line.isBlank() ? def : line.strip();
  }

  /** A list is asked on one line, comma-separated, as the defaults show it. */
  private List<String> askList(BufferedReader in, List<String> given, String what, String def)
      throws IOException {
    return given.isEmpty() ? List.of(ask(in, null, what, def).split(",")) : given;
  }
}
