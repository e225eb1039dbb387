package dev.lbc.backends.build;

import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.output.BuildFolder;
import dev.lbc.compiler.output.BuildFolder.OutputFile;
import dev.lbc.compiler.output.SecretFiles;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.source.SourceText;
import dev.lbc.compiler.spi.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code lbc build}: a compiled deployment planned, rendered by every backend, its certificates
 * added, all in memory; then written in one step ({@link BuildFolder}), so that nothing is written
 * if any step fails.
 *
 * @param files every file of the build folder, by its relative path
 * @param inputs the files the build read (the deployment and its PEMs), which the build folder must
 *     not hold
 */
public record Build(SortedMap<String, OutputFile> files, List<Path> inputs) {
  /** A problem with the input or the folder that the user fixes (exit 2), said in one line. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /** The build of {@code model}, compiled from {@code file} and named {@code display}. */
  public static Build of(Path file, String display, Deployment model) throws Refused, IOException {
    Plan plan = Planner.plan(model, display);
    TreeMap<String, OutputFile> files = new TreeMap<>();
    // the registry's files: plan.json, the deployment's and each appliance's (appliances/HOST/)
    Backends.load()
        .render(plan)
        .forEach(
            (path, text) -> files.put(path, OutputFile.of(text.getBytes(StandardCharsets.UTF_8))));
    List<Path> inputs = new ArrayList<>(List.of(file));
    addCertificates(file, plan, model, files, inputs);
    return new Build(Collections.unmodifiableSortedMap(files), List.copyOf(inputs));
  }

  /** Writes the build into {@code output}; refused if lbc may not replace what is there. */
  public void writeTo(Path output) throws Refused, IOException {
    try {
      BuildFolder.write(output, files, inputs);
    } catch (BuildFolder.Refused e) {
      throw new Refused(e.getMessage());
    }
  }

  /**
   * Each appliance gets the PEMs its HAProxy loads, as appliances/HOST/certs/NAME.pem (the RUNBOOK
   * installs them in /etc/haproxy/certs), private: see {@link SecretFiles}.
   */
  private static void addCertificates(
      Path file, Plan plan, Deployment model, TreeMap<String, OutputFile> files, List<Path> inputs)
      throws Refused, IOException {
    Path base = file.toAbsolutePath().getParent();
    for (Plan.CertificatePlan c : plan.certificates()) {
      Path pem = base.resolve(c.pem()).normalize();
      inputs.add(pem);
      byte[] bytes =
          readPem(
              file,
              model.certificates().stream()
                  .filter(m -> m.name().equals(c.name()))
                  .findFirst()
                  .orElseThrow());
      String text = new String(bytes, StandardCharsets.US_ASCII);
      if (!text.contains("-----BEGIN CERTIFICATE-----") || !text.contains("PRIVATE KEY-----")) {
        throw new Refused(
            "certificate "
                + c.name()
                + ": "
                + c.pem()
                + " must hold the certificate and its private key in PEM form");
      }
      OutputFile secret = new OutputFile(bytes, SecretFiles.modeFor(pem));
      for (Plan.AppliancePlan a : plan.appliances()) {
        files.put(Backends.applianceFolder(a) + "certs/" + c.name() + ".pem", secret);
      }
    }
  }

  /** The largest certificate file lbc copies: a PEM chain and key are a few KiB. */
  static final int MAX_PEM_BYTES = SecretFiles.MAX_PEM_BYTES;

  /**
   * The PEM file of {@code cert}, relative to the deployment {@code file}. Any problem is refused
   * at the certificate's {@code pem:} value: what is wrong with the file, and where it was looked
   * for.
   */
  private static byte[] readPem(Path file, Certificate cert) throws Refused {
    Path base = file.toAbsolutePath().getParent();
    Path pem = base.resolve(cert.pem()).normalize();
    String where = cert.src().of("pem").location() + ": certificate " + cert.name() + ": ";
    byte[] bytes;
    try {
      bytes = SourceText.read(pem, MAX_PEM_BYTES);
    } catch (SourceText.Unreadable e) {
      throw new Refused(
          where
              + cert.pem()
              + ": "
              + e.getMessage()
              + " (paths are relative to "
              + base.toString().replace('\\', '/')
              + ")");
    }
    if (bytes.length > MAX_PEM_BYTES) {
      throw new Refused(
          where
              + cert.pem()
              + " is too large ("
              + pem.toFile().length()
              + " bytes): a certificate file holds at most 1 MiB (the chain and its key take a"
              + " few KiB)");
    }
    return bytes;
  }
}
