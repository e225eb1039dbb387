package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.backends.build.Build;
import dev.lbc.compiler.cert.Environment;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.spi.Rules;
import dev.lbc.testsupport.Lbc;
import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSL offload in the generated haproxy.cfg and the certificate files lbc writes: TLS on every port
 * of an offloaded service, the certificate found where the RUNBOOK installs it (so HAProxy finds it
 * when it runs as a service), and private keys never readable by more users than the source.
 */
class OffloadCertificateTest {
  /** Two offloaded services: one with 443 among its ports, one without. */
  private static final String DEPLOYMENT =
      """
      lbc: 1
      name: offload-ports
      exchange: 2016
      appliances:
        primary: { hostname: lb1, address: 127.0.45.5/8 }
        secondary: { hostname: lb2, address: 127.0.45.6/8 }
        admin-password: ${env:LB_ADMIN_PASSWORD}
      certificates: [{ name: ExchangeCert, pem: certs/exchange.pem }]
      servers:
        - { name: MBOX1, address: 127.0.45.20 }
      services:
      """
          + offloaded("WITH-443", "443, 4443")
          + offloaded("WITHOUT-443", "18443, 19443");

  private static String offloaded(String name, String ports) {
    return """
          - name: %s
            vip: 127.0.45.10
            ports: [%s]
            mode: snat
            protocol: http
            ssl: { offload: ExchangeCert, reencrypt: true }
            health-check: { type: https-get, path: /owa/healthcheck.htm, expect: 200 }
            real-servers: [{ server: MBOX1, port: 443 }]
        """
        .formatted(name, ports);
  }

  /** The deployment in {@code tmp}/src with its certificate (mode {@code pemMode}) beside it. */
  private static Path source(Path tmp, String yaml, String pemMode) throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("deployment.yaml"), yaml, StandardCharsets.UTF_8);
    Path pem = Files.createDirectories(src.resolve("certs")).resolve("exchange.pem");
    Files.copy(Repo.root().resolve("examples/certs/exchange.pem"), pem);
    Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString(pemMode));
    return src.resolve("deployment.yaml");
  }

  private static Path build(Path tmp, String pemMode) throws IOException {
    Path out = tmp.resolve("build");
    Cli.Run run =
        Cli.lbc("build", source(tmp, DEPLOYMENT, pemMode).toString(), "-o", out.toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    return out;
  }

  /** The bind lines of service {@code name} in a haproxy.cfg. */
  private static List<String> binds(String cfg, String name) {
    List<String> binds = new ArrayList<>();
    boolean inside = false;
    for (String line : cfg.lines().toList()) {
      if (!line.startsWith(" ")) {
        inside = line.equals("listen " + name);
      } else if (inside && line.strip().startsWith("bind ")) {
        binds.add(line.strip());
      }
    }
    return binds;
  }

  @Test
  void everyPortOfAnOffloadedServiceTerminatesTls(@TempDir Path tmp) throws Exception {
    Path out = build(tmp, "rw-r--r--");
    for (String host : List.of("lb1", "lb2")) {
      Path appliance = out.resolve("appliances/" + host);
      String cfg = Files.readString(appliance.resolve("haproxy.cfg"));
      for (String service : List.of("WITH-443", "WITHOUT-443")) {
        List<String> binds = binds(cfg, service);
        assertEquals(2, binds.size(), service + " in\n" + cfg);
        for (String bind : binds) {
          assertTrue(bind.contains(" ssl crt "), service + ": " + bind);
        }
      }
      Netns.Result check = InstalledHaproxy.check(appliance);
      assertEquals(0, check.exit(), check.out());
      assertFalse(check.out().contains("ALERT") || check.out().contains("WARNING"), check.out());
    }
  }

  @Test
  void haproxyLoadsTheCertificateFromWhereTheRunbookInstallsIt(@TempDir Path tmp) throws Exception {
    Path out = build(tmp, "rw-r--r--");
    String cfg = Files.readString(out.resolve("appliances/lb1/haproxy.cfg"));
    assertTrue(cfg.contains("\n    crt-base /etc/haproxy/certs\n"), cfg);
    for (String bind : binds(cfg, "WITH-443")) {
      assertTrue(bind.endsWith(" ssl crt ExchangeCert.pem alpn http/1.1"), bind);
    }
    String runbook = Files.readString(out.resolve("RUNBOOK.md"));
    assertTrue(
        runbook.contains(
            "install -m 0600 -o root -g root certs/ExchangeCert.pem /etc/haproxy/certs/"),
        runbook);
    // the folder the RUNBOOK installs the certificate into, with the name haproxy.cfg asks for
    assertTrue(Files.exists(out.resolve("appliances/lb1/certs/ExchangeCert.pem")));
  }

  @Test
  void privateKeysAreWrittenForTheOwnerOnlyAndNeverWiderThanTheSource(@TempDir Path tmp)
      throws Exception {
    for (String[] modes :
        List.of(
            new String[] {"rw-r--r--", "rw-------"},
            new String[] {"rw-rw-rw-", "rw-------"},
            new String[] {"r--------", "r--------"})) {
      Path dir = Files.createDirectories(tmp.resolve(modes[0]));
      Path out = build(dir, modes[0]);
      for (String host : List.of("lb1", "lb2")) {
        Path pem = out.resolve("appliances/" + host + "/certs/ExchangeCert.pem");
        assertEquals(
            modes[1],
            PosixFilePermissions.toString(Files.getPosixFilePermissions(pem)),
            "source " + modes[0] + ": " + pem);
      }
    }
  }

  /** The deployment in {@code tmp}/src reading golden/certs/good.pfx through PFX_PASSWORD. */
  private static Path pfxSource(Path tmp) throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(
        src.resolve("deployment.yaml"),
        DEPLOYMENT.replace(
            "pem: certs/exchange.pem",
            "pfx: certs/exchange.pfx, password: \"${env:PFX_PASSWORD}\""),
        StandardCharsets.UTF_8);
    Files.createDirectories(src.resolve("certs"));
    Files.copy(Repo.root().resolve("golden/certs/good.pfx"), src.resolve("certs/exchange.pfx"));
    return src.resolve("deployment.yaml");
  }

  private static final Environment PFX_PASSWORD = Map.of("PFX_PASSWORD", "lbc-test-password")::get;

  @Test
  void aPfxIsBuiltIntoThePemHaproxyLoadsPrivateAndWithItsThumbprint(@TempDir Path tmp)
      throws Exception {
    Path file = pfxSource(tmp);
    CompileResult r =
        new Compiler(Rules.load(), false)
            .at(Lbc.NOW)
            .withEnvironment(PFX_PASSWORD)
            .compile(file, "deployment.yaml");
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    Build build = Build.of(file, "deployment.yaml", r.model(), r.facts());
    Path out = tmp.resolve("build");
    build.writeTo(out);
    // the thumbprint Windows shows for the same certificate (install-certificate.ps1 compares it)
    Netns.Result sha1 =
        Netns.run(
            List.of(
                "openssl",
                "x509",
                "-noout",
                "-fingerprint",
                "-sha1",
                "-in",
                Repo.root().resolve("golden/certs/good.pem").toString()),
            null);
    String thumbprint = sha1.out().substring(sha1.out().indexOf('=') + 1).strip().replace(":", "");
    assertEquals(thumbprint, build.thumbprint("ExchangeCert"));
    // the servers' script compares IIS's certificate with that thumbprint, and holds no secret
    String install = Files.readString(out.resolve("exchange/install-certificate.ps1"));
    assertTrue(install.contains("'ExchangeCert' = '" + thumbprint + "'"), install);
    assertTrue(install.contains("[System.Security.SecureString]$Password"), install);
    assertTrue(install.contains("SupportsShouldProcess = $true"), install);
    for (String secret :
        List.of("PRIVATE KEY", "BEGIN", "lbc-test-password", "certs/exchange.pfx")) {
      assertFalse(install.contains(secret), "install-certificate.ps1 holds " + secret);
    }
    assertTrue(
        Files.readString(out.resolve("RUNBOOK.md")).contains("exchange/install-certificate.ps1"));
    for (String host : List.of("lb1", "lb2")) {
      Path appliance = out.resolve("appliances/" + host);
      Path pem = appliance.resolve("certs/ExchangeCert.pem");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pem)));
      String text = Files.readString(pem);
      assertTrue(text.startsWith("-----BEGIN CERTIFICATE-----\n"), text);
      assertTrue(text.contains("-----BEGIN PRIVATE KEY-----\n"), "the key, as PKCS#8");
      Netns.Result check = InstalledHaproxy.check(appliance);
      assertEquals(0, check.exit(), check.out());
      assertFalse(check.out().contains("ALERT") || check.out().contains("WARNING"), check.out());
    }
    // the PEM of the same pair gives the same file: one reader, one canonical form
    Path pemDir = Files.createDirectories(tmp.resolve("from-pem"));
    Path pemFile = source(pemDir, DEPLOYMENT, "rw-------");
    Files.copy(
        Repo.root().resolve("golden/certs/good.pem"),
        pemFile.resolveSibling("certs/exchange.pem"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    CompileResult fromPem =
        new Compiler(Rules.load(), false).at(Lbc.NOW).compile(pemFile, "deployment.yaml");
    Build pemBuild = Build.of(pemFile, "deployment.yaml", fromPem.model(), fromPem.facts());
    assertEquals(
        new String(
            pemBuild.files().get("appliances/lb1/certs/ExchangeCert.pem").bytes(),
            StandardCharsets.US_ASCII),
        Files.readString(out.resolve("appliances/lb1/certs/ExchangeCert.pem")));
  }

  @Test
  void theHaproxyEngineServesAPfxAsThePemItConvertsItTo(@TempDir Path tmp) throws Exception {
    Path file = pfxSource(tmp);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    List<String> seen = new ArrayList<>();
    Map<String, String> env = new java.util.HashMap<>(RunCommandTest.LAB_CREDENTIALS);
    env.put("PFX_PASSWORD", "lbc-test-password");
    Process lbc =
        RunCommandTest.start(
            env,
            List.of(),
            lines,
            "run",
            file.toString(),
            "--admin",
            "127.0.0.1:19177",
            "--engine",
            "haproxy");
    try {
      RunCommandTest.await(lines, "HAProxy serves the compiled configuration from ", seen);
      String line = seen.get(seen.size() - 1);
      Path dir = Path.of(line.substring(line.indexOf(" from ") + 6).strip());
      Path pem = dir.resolve("certs/ExchangeCert.pem");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pem)));
      assertTrue(Files.readString(pem).contains("-----BEGIN PRIVATE KEY-----"), pem.toString());
      RunCommandTest.await(lines, "serving 2 service(s)", seen);
      Netns.Result tls = owaOverTls();
      assertEquals("503", tls.out(), "TLS from the PFX through the real HAProxy: " + tls);
    } finally {
      stop(lbc);
    }
  }

  @Test
  void theHaproxyEngineCopiesTheKeyForTheOwnerOnlyAndLoadsItFromItsRunFolder(@TempDir Path tmp)
      throws Exception {
    Path file = source(tmp, DEPLOYMENT, "rw-r--r--");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    List<String> seen = new ArrayList<>();
    Process lbc =
        RunCommandTest.start(
            lines, "run", file.toString(), "--admin", "127.0.0.1:19177", "--engine", "haproxy");
    try {
      RunCommandTest.await(lines, "HAProxy serves the compiled configuration from ", seen);
      String line = seen.get(seen.size() - 1);
      Path dir = Path.of(line.substring(line.indexOf(" from ") + 6).strip());
      try (Stream<Path> pems = Files.list(dir.resolve("certs"))) {
        for (Path pem : pems.toList()) {
          assertEquals(
              "rw-------",
              PosixFilePermissions.toString(Files.getPosixFilePermissions(pem)),
              pem.toString());
        }
      }
      String cfg = Files.readString(dir.resolve("haproxy.cfg"));
      assertTrue(cfg.contains("crt-base " + dir.resolve("certs")), cfg);
      RunCommandTest.await(lines, "serving 2 service(s)", seen);
      Netns.Result tls = owaOverTls();
      assertEquals("503", tls.out(), "TLS on 19443 through the real HAProxy: " + tls);

      // A reload that names another certificate file copies it into the run folder first.
      Files.writeString(file, Files.readString(file).replace("ExchangeCert", "RenewedCert"));
      RunCommandTest.await(lines, "reloaded", seen);
      assertTrue(Files.exists(dir.resolve("certs/RenewedCert.pem")), "renewed certificate copied");
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(dir.resolve("certs/RenewedCert.pem"))));
    } finally {
      stop(lbc);
    }
  }

  /** The status of /owa/ over TLS on 19443 of the offloaded VIP, as curl sees it. */
  private static Netns.Result owaOverTls() throws Exception {
    return Netns.run(
        List.of(
            "curl",
            "-sk",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "--max-time",
            "5",
            "https://127.0.45.10:19443/owa/"),
        null);
  }

  /** Stops an {@code lbc run} and what it started. */
  private static void stop(Process lbc) throws InterruptedException {
    ProcessHandle.of(lbc.pid()).ifPresent(p -> p.descendants().forEach(ProcessHandle::destroy));
    lbc.destroy();
    lbc.waitFor(15, TimeUnit.SECONDS);
  }
}
