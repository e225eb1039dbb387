package dev.lbc.backends.build;

import dev.lbc.backends.exchange.CertificateInstallScript;
import dev.lbc.compiler.cert.CertificateInfo;
import dev.lbc.compiler.cert.CertificateRead;
import dev.lbc.compiler.cert.CertificateReader;
import dev.lbc.compiler.cert.Environment;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.output.BuildFolder;
import dev.lbc.compiler.output.BuildFolder.OutputFile;
import dev.lbc.compiler.output.SecretFiles;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.spi.Backends;
import dev.lbc.compiler.spi.CertificateFile;
import dev.lbc.compiler.spi.Facts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code lbc build}: a compiled deployment planned, rendered by every backend, its certificates
 * added, all in memory; then written in one step ({@link BuildFolder}), so that nothing is written
 * if any step fails.
 *
 * @param files every file of the build folder, by its relative path
 * @param inputs the files the build read (the deployment and its certificates), which the build
 *     folder must not hold
 * @param certificates what each certificate's file holds, by the certificate's name as declared:
 *     its thumbprint is the one the Exchange servers must bind too
 */
public record Build(
    SortedMap<String, OutputFile> files,
    List<Path> inputs,
    SortedMap<String, CertificateInfo> certificates) {
  /** A problem with the input or the folder that the user fixes (exit 2), said in one line. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /**
   * The build of {@code model}, compiled from {@code file} and named {@code display}, with the
   * certificates the compile read ({@code facts}; a certificate it did not read is read here).
   */
  public static Build of(Path file, String display, Deployment model, Facts facts)
      throws Refused, IOException {
    Plan plan = Planner.plan(model, display);
    TreeMap<String, OutputFile> files = new TreeMap<>();
    // the registry's files: plan.json, the deployment's and each appliance's (appliances/HOST/)
    Backends.load()
        .render(plan)
        .forEach(
            (path, text) -> files.put(path, OutputFile.of(text.getBytes(StandardCharsets.UTF_8))));
    List<Path> inputs = new ArrayList<>(List.of(file));
    TreeMap<String, CertificateInfo> certificates = new TreeMap<>();
    addCertificates(file, plan, model, facts, files, inputs, certificates);
    addInstallScript(plan, certificates, files);
    return new Build(
        Collections.unmodifiableSortedMap(files),
        List.copyOf(inputs),
        Collections.unmodifiableSortedMap(certificates));
  }

  /**
   * exchange/install-certificate.ps1, for a deployment with certificates: it needs the thumbprints
   * of the files read here, which the plan does not hold.
   */
  private static void addInstallScript(
      Plan plan,
      SortedMap<String, CertificateInfo> certificates,
      TreeMap<String, OutputFile> files) {
    Map<String, String> thumbprints = new TreeMap<>();
    certificates.forEach((name, info) -> thumbprints.put(name, info.thumbprint()));
    String script = CertificateInstallScript.render(plan, thumbprints);
    if (script != null) {
      files.put(
          CertificateInstallScript.PATH, OutputFile.of(script.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** The SHA-1 thumbprint (uppercase hex) of certificate {@code name}, or null if none such. */
  public String thumbprint(String name) {
    CertificateInfo c = certificates.get(name);
    return c == null ? null : c.thumbprint();
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
   * Each appliance gets the PEM its HAProxy loads, as appliances/HOST/certs/NAME.pem (the RUNBOOK
   * installs them in /etc/haproxy/certs), private: see {@link SecretFiles}. Whether the source was
   * PEM or PKCS#12, the file is the reader's canonical PEM: the chain, then the PKCS#8 key.
   */
  private static void addCertificates(
      Path file,
      Plan plan,
      Deployment model,
      Facts facts,
      TreeMap<String, OutputFile> files,
      List<Path> inputs,
      TreeMap<String, CertificateInfo> certificates)
      throws Refused, IOException {
    Path base = file.toAbsolutePath().getParent();
    for (Plan.CertificatePlan c : plan.certificates()) {
      Path source = base.resolve(c.source().path()).normalize();
      inputs.add(source);
      Certificate declared =
          model.certificates().stream()
              .filter(m -> m.name().equals(c.name()))
              .findFirst()
              .orElseThrow();
      CertificateInfo info = read(base, c, declared, facts);
      OutputFile secret =
          new OutputFile(
              info.canonicalPem().getBytes(StandardCharsets.US_ASCII), SecretFiles.modeFor(source));
      for (Plan.AppliancePlan a : plan.appliances()) {
        files.put(Backends.applianceFolder(a) + "certs/" + c.name() + ".pem", secret);
      }
      certificates.put(c.name(), info);
    }
  }

  /**
   * What certificate {@code c}'s file holds, as the compile read it. LBC112 and LBC113 stop a build
   * first; these refusals are for a build with those rules turned off: HAProxy would refuse the
   * file anyway, so the build says why, at the certificate's file.
   */
  private static CertificateInfo read(
      Path base, Plan.CertificatePlan c, Certificate declared, Facts facts) throws Refused {
    CertificateFile known = facts == null ? null : facts.certificate(c.name());
    CertificateRead read =
        known != null && known.read() != null
            ? known.read()
            : CertificateReader.read(base, c.source(), Environment.system());
    String where = "certificate " + c.name() + ": ";
    if (read instanceof CertificateRead.Unreadable u) {
      throw new Refused(declared.src().of(u.field()).location() + ": " + where + u.message());
    }
    CertificateInfo info = ((CertificateRead.Read) read).info();
    if (!info.keyMatches()) {
      throw new Refused(
          declared.src().of(declared.fileKey()).location()
              + ": "
              + where
              + c.source().path()
              + (info.hasPrivateKey()
                  ? " holds a private key that does not belong to its certificate"
                  : " holds no private key"));
    }
    return info;
  }
}
