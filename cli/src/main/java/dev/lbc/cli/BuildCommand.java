package dev.lbc.cli;

import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.output.BuildFolder;
import dev.lbc.compiler.output.BuildFolder.OutputFile;
import dev.lbc.compiler.output.SecretFiles;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.PlanJson;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.spi.Backend;
import dev.lbc.compiler.spi.Backend.GeneratedFile;
import dev.lbc.compiler.spi.Rules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lbc build FILE -o DIR}: lint, plan, render every backend, then write. Nothing is written
 * if any step fails, and DIR is replaced only when lbc wrote it ({@link BuildFolder}).
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = "Compile a deployment into configs and scripts (DESIGN.md §6).",
    footer = {"%nExample:%n  lbc build examples/exchange2016-layer7-snat.yaml -o build/"})
final class BuildCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A .yaml, .yml or .lbc deployment.")
  Path file;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description =
          "The build folder: created, used if empty, or replaced if it holds an earlier lbc"
              + " build that nobody changed.")
  Path output;

  @Mixin OutputOptions options;

  @Override
  public Integer call() throws IOException {
    Inputs.requireFile(file);
    Rules rules = Rules.load();
    CompileResult r = new Compiler(rules, false).compile(file, Inputs.display(file));
    if (r.hasErrors() || r.model() == null) {
      LintCommand.printText(List.of(r), spec.commandLine().getErr(), options.color());
      return Main.FINDINGS;
    }
    Plan plan = Planner.plan(r.model(), Inputs.display(file));
    TreeMap<String, OutputFile> files = new TreeMap<>();
    files.put("plan.json", OutputFile.of(PlanJson.write(plan).getBytes(StandardCharsets.UTF_8)));
    for (Backend backend : ServiceLoader.load(Backend.class, Backend.class.getClassLoader())) {
      for (GeneratedFile f : backend.render(plan)) {
        if (files.put(f.path(), OutputFile.of(f.text().getBytes(StandardCharsets.UTF_8))) != null) {
          throw new IllegalStateException("two backends wrote " + f.path());
        }
      }
    }
    List<Path> inputs = new ArrayList<>(List.of(file));
    addCertificates(plan, r.model(), files, inputs);
    try {
      BuildFolder.write(output, files, inputs);
    } catch (BuildFolder.Refused e) {
      throw new Main.UsageError(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (!r.diagnostics().isEmpty()) {
      LintCommand.printText(List.of(r), spec.commandLine().getErr(), options.color());
    }
    out.println("built " + files.size() + " files in " + Messages.printable(output.toString()));
    out.flush();
    return Main.OK;
  }

  /**
   * Each appliance gets the PEMs its HAProxy loads, as appliances/HOST/certs/NAME.pem (the RUNBOOK
   * installs them in /etc/haproxy/certs), private: see {@link SecretFiles}.
   */
  private void addCertificates(
      Plan plan, Deployment model, TreeMap<String, OutputFile> files, List<Path> inputs)
      throws IOException {
    Path base = file.toAbsolutePath().getParent();
    for (Plan.CertificatePlan c : plan.certificates()) {
      Path pem = base.resolve(c.pem()).normalize();
      inputs.add(pem);
      byte[] bytes =
          Inputs.readPem(
              file,
              model.certificates().stream()
                  .filter(m -> m.name().equals(c.name()))
                  .findFirst()
                  .orElseThrow());
      String text = new String(bytes, StandardCharsets.US_ASCII);
      if (!text.contains("-----BEGIN CERTIFICATE-----") || !text.contains("PRIVATE KEY-----")) {
        throw new Main.UsageError(
            "certificate "
                + c.name()
                + ": "
                + c.pem()
                + " must hold the certificate and its private key in PEM form");
      }
      OutputFile secret = new OutputFile(bytes, SecretFiles.modeFor(pem));
      for (Plan.AppliancePlan a : plan.appliances()) {
        files.put("appliances/" + a.hostname() + "/certs/" + c.name() + ".pem", secret);
      }
    }
  }
}
