package dev.lbc.cli;

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
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lbc build FILE -o DIR}: lint, plan, render every backend, then write. Nothing is written
 * if any step fails; a previous build in DIR is replaced as a whole.
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
      description = "The build directory (created, or replaced if it holds an earlier build).")
  Path output;

  @Mixin OutputOptions options;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new Main.UsageError(file + ": no such file");
    }
    Rules rules = Rules.load();
    CompileResult r = new Compiler(rules, false).compile(file, Inputs.display(file));
    if (r.hasErrors() || r.model() == null) {
      LintCommand.printText(List.of(r), spec.commandLine().getErr(), options.color());
      return Main.FINDINGS;
    }
    Plan plan = Planner.plan(r.model(), Inputs.display(file));
    TreeMap<String, byte[]> files = new TreeMap<>();
    files.put("plan.json", PlanJson.write(plan).getBytes(StandardCharsets.UTF_8));
    for (Backend backend : ServiceLoader.load(Backend.class, Backend.class.getClassLoader())) {
      for (GeneratedFile f : backend.render(plan)) {
        if (files.put(f.path(), f.text().getBytes(StandardCharsets.UTF_8)) != null) {
          throw new IllegalStateException("two backends wrote " + f.path());
        }
      }
    }
    addCertificates(plan, files);
    write(files);
    PrintWriter out = spec.commandLine().getOut();
    if (!r.diagnostics().isEmpty()) {
      LintCommand.printText(List.of(r), spec.commandLine().getErr(), options.color());
    }
    out.println("built " + files.size() + " files in " + output);
    out.flush();
    return Main.OK;
  }

  /** The mode of each file that holds a private key, by its path in the build. */
  private final Map<String, Set<PosixFilePermission>> secretModes = new HashMap<>();

  /**
   * Each appliance gets the PEMs its HAProxy loads, as appliances/HOST/certs/NAME.pem (the RUNBOOK
   * installs them in /etc/haproxy/certs), private: see {@link SecretFiles}.
   */
  private void addCertificates(Plan plan, TreeMap<String, byte[]> files) throws IOException {
    Path base = file.toAbsolutePath().getParent();
    for (Plan.CertificatePlan c : plan.certificates()) {
      Path pem = base.resolve(c.pem()).normalize();
      if (!Files.isRegularFile(pem) || Files.size(pem) > 1024 * 1024) {
        throw new Main.UsageError(
            "certificate "
                + c.name()
                + ": "
                + c.pem()
                + " is not a readable file (paths are relative to "
                + file
                + ")");
      }
      byte[] bytes = Files.readAllBytes(pem);
      String text = new String(bytes, StandardCharsets.US_ASCII);
      if (!text.contains("-----BEGIN CERTIFICATE-----") || !text.contains("PRIVATE KEY-----")) {
        throw new Main.UsageError(
            "certificate "
                + c.name()
                + ": "
                + c.pem()
                + " must hold the certificate and its private key in PEM form");
      }
      for (Plan.AppliancePlan a : plan.appliances()) {
        String path = "appliances/" + a.hostname() + "/certs/" + c.name() + ".pem";
        files.put(path, bytes);
        secretModes.put(path, SecretFiles.modeFor(pem));
      }
    }
  }

  /** Writes everything to a fresh folder beside DIR, then puts it in DIR's place. */
  private void write(TreeMap<String, byte[]> files) throws IOException {
    Path target = output.toAbsolutePath().normalize();
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new Main.UsageError(output + " exists and is not a folder");
    }
    if (Files.isDirectory(target)
        && !isEmpty(target)
        && !Files.exists(target.resolve("plan.json"))) {
      throw new Main.UsageError(
          output + " is not empty and holds no earlier build; refusing to" + " replace it");
    }
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, ".lbc-build-");
    try {
      for (var e : files.entrySet()) {
        Path p = staging.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Set<PosixFilePermission> secret = secretModes.get(e.getKey());
        if (secret != null) {
          SecretFiles.write(p, e.getValue(), secret);
        } else {
          Files.write(p, e.getValue());
        }
      }
      if (Files.exists(target)) {
        deleteTree(target);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      if (Files.exists(staging)) {
        deleteTree(staging);
      }
      throw e;
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    List<Path> all = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
            all.add(f);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) {
            all.add(d);
            return FileVisitResult.CONTINUE;
          }
        });
    all.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }
}
