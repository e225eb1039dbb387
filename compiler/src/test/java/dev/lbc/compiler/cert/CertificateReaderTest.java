package dev.lbc.compiler.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.cert.CertificateRead.Read;
import dev.lbc.compiler.cert.CertificateRead.Unreadable;
import dev.lbc.compiler.cert.CertificateSource.Format;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one certificate reader, over the files of golden/certs/ (their README says how made). */
class CertificateReaderTest {
  private static final Environment ENV = Map.of("PFX_PASSWORD", "lbc-test-password")::get;

  static Path certs() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("golden/certs"))) {
        return p.resolve("golden/certs");
      }
    }
    throw new IllegalStateException("no golden/certs above " + Path.of("").toAbsolutePath());
  }

  private static CertificateRead pem(String file) {
    return CertificateReader.read(certs(), new CertificateSource(Format.PEM, file, null), ENV);
  }

  private static CertificateRead pfx(String file, String password) {
    return CertificateReader.read(certs(), new CertificateSource(Format.PFX, file, password), ENV);
  }

  private static CertificateInfo ok(CertificateRead r) {
    return assertInstanceOf(Read.class, r, r.toString()).info();
  }

  private static String problem(CertificateRead r, String field) {
    Unreadable u = assertInstanceOf(Unreadable.class, r, r.toString());
    assertEquals(field, u.field(), u.message());
    return u.message();
  }

  @Test
  void pemGivesTheLeafsNamesDatesKeyAndThumbprint() throws Exception {
    CertificateInfo c = ok(pem("good.pem"));
    assertEquals(List.of("mail.example.com", "autodiscover.example.com"), c.dnsNames());
    assertEquals("mail.example.com", c.commonName());
    assertEquals(Instant.parse("2026-11-01T00:00:00Z"), c.notBefore());
    assertEquals("RSA", c.keyAlgorithm());
    assertEquals(2048, c.keySize());
    assertEquals("SHA256withRSA", c.signatureAlgorithm());
    assertTrue(c.hasPrivateKey());
    assertTrue(c.keyMatches());
    // what `openssl x509 -fingerprint -sha1` says, without the colons
    String openssl = opensslThumbprint(certs().resolve("good.pem"));
    assertEquals(openssl, c.thumbprint());
    assertTrue(c.thumbprint().matches("[0-9A-F]{40}"), c.thumbprint());
  }

  @Test
  void pfxWithItsPasswordFromTheEnvironmentReadsTheSamePair() {
    CertificateInfo fromPfx = ok(pfx("good.pfx", "${env:PFX_PASSWORD}"));
    CertificateInfo fromPem = ok(pem("good.pem"));
    assertEquals(fromPem.thumbprint(), fromPfx.thumbprint());
    assertTrue(fromPfx.keyMatches());
    assertEquals(fromPem.canonicalPem(), fromPfx.canonicalPem());
  }

  @Test
  void canonicalPemIsTheChainThenAPkcs8Key() {
    String canonical = ok(pem("good-pkcs1.pem")).canonicalPem();
    assertTrue(canonical.startsWith("-----BEGIN CERTIFICATE-----\n"), canonical);
    assertTrue(canonical.contains("-----BEGIN PRIVATE KEY-----\n"), canonical);
    assertFalse(canonical.contains("RSA PRIVATE KEY"), canonical);
    assertEquals(ok(pem("good.pem")).canonicalPem(), canonical);
    CertificateInfo chained = ok(pem("good-with-chain.pem"));
    assertEquals(2, chained.chain().size());
    assertEquals(ok(pem("good.pem")).thumbprint(), chained.thumbprint());
  }

  @Test
  void ecKeysAreReadAndMatched() {
    CertificateInfo c = ok(pem("ec.pem"));
    assertEquals("EC", c.keyAlgorithm());
    assertEquals(256, c.keySize());
    assertTrue(c.keyMatches());
  }

  @Test
  void anEcKeyOnACurveTheJdkCannotSignWithIsStillMatched() {
    // P-224: the JDK parses it but no longer signs with it, so a test signature cannot decide
    CertificateInfo c = ok(pem("weak-ec.pem"));
    assertEquals(224, c.keySize());
    assertTrue(c.keyMatches(), "the key of weak-ec.pem is its certificate's");
  }

  @Test
  void anEcKeyOfAnotherPairDoesNotBelong() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    java.security.KeyPair other = g.generateKeyPair();
    assertTrue(CertificateReader.belongs(other.getPrivate(), other.getPublic()));
    assertFalse(
        CertificateReader.belongs(other.getPrivate(), ok(pem("ec.pem")).leaf().getPublicKey()));
  }

  @Test
  void sec1EcKeysAreReadToo(@TempDir Path tmp) throws Exception {
    Path key = tmp.resolve("k.pem");
    run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
    Path crt = tmp.resolve("c.pem");
    run(
        "openssl",
        "req",
        "-x509",
        "-key",
        key.toString(),
        "-subj",
        "/CN=x",
        "-days",
        "2",
        "-out",
        crt.toString());
    Files.writeString(tmp.resolve("both.pem"), Files.readString(crt) + Files.readString(key));
    assertTrue(Files.readString(key).contains("BEGIN EC PRIVATE KEY"));
    CertificateInfo c =
        ok(CertificateReader.read(tmp, new CertificateSource(Format.PEM, "both.pem", null), ENV));
    assertTrue(c.keyMatches());
  }

  @Test
  void keyMismatchAndNoKeyAreFactsNotProblems() {
    CertificateInfo mismatch = ok(pem("key-mismatch.pem"));
    assertTrue(mismatch.hasPrivateKey());
    assertFalse(mismatch.keyMatches());
    CertificateInfo none = ok(pem("no-key.pem"));
    assertFalse(none.hasPrivateKey());
    assertFalse(none.keyMatches());
  }

  @Test
  void weakAndDatedCertificatesAreRead() {
    CertificateInfo weak = ok(pem("weak.pem"));
    assertEquals(1024, weak.keySize());
    assertEquals("SHA1withRSA", weak.signatureAlgorithm());
    assertEquals(Instant.parse("2025-01-01T00:00:00Z"), ok(pem("expired.pem")).notAfter());
    assertEquals(Instant.parse("2026-12-20T00:00:00Z"), ok(pem("expiring.pem")).notAfter());
  }

  @Test
  void namesAreCoveredBySanOrElseCnWithOneLabelWildcards() {
    CertificateInfo exact = ok(pem("good.pem"));
    assertTrue(exact.covers("MAIL.example.com"));
    assertTrue(exact.covers("autodiscover.example.com."));
    assertFalse(exact.covers("owa.example.com"));
    CertificateInfo wildcard = ok(pem("wildcard.pem"));
    assertTrue(wildcard.covers("mail.example.com"));
    assertFalse(wildcard.covers("example.com"));
    assertFalse(wildcard.covers("a.mail.example.com"));
    CertificateInfo cnOnly = ok(pem("cn-only.pem"));
    assertEquals(List.of(), cnOnly.dnsNames());
    assertTrue(cnOnly.covers("mail.example.com"));
    assertFalse(ok(pem("other-name.pem")).covers("mail.example.com"));
    CertificateInfo sanAndOtherCn =
        new CertificateInfo(
            List.of(),
            List.of("mail.contoso.com"),
            "mail.example.com",
            null,
            null,
            "RSA",
            2048,
            "SHA256withRSA",
            null,
            false,
            "");
    assertFalse(sanAndOtherCn.covers("mail.example.com"), "the CN counts only without a SAN");
  }

  @Test
  void everyBadFileIsAProblemAtItsKey(@TempDir Path tmp) throws IOException {
    assertTrue(problem(pem("missing.pem"), "pem").contains("no such file"));
    assertTrue(problem(pem("good.der"), "pem").contains("is DER, not PEM"));
    assertTrue(problem(pem("two-keys.pem"), "pem").contains("holds 2 private keys"));
    assertTrue(problem(pem("README.md"), "pem").contains("holds no PEM certificate"));
    assertTrue(problem(pfx("good.pfx", "wrong"), "pfx").contains("wrong password"));
    assertTrue(problem(pfx("good.pem", "${env:PFX_PASSWORD}"), "pfx").contains("is PEM"));
    assertTrue(problem(pfx("good.pfx", "${env:LBC_NOT_SET}"), "password").contains("LBC_NOT_SET"));
    Files.createDirectory(tmp.resolve("dir.pem"));
    assertTrue(
        problem(
                CertificateReader.read(
                    tmp, new CertificateSource(Format.PEM, "dir.pem", null), ENV),
                "pem")
            .contains("a directory"));
    try (RandomAccessFile big = new RandomAccessFile(tmp.resolve("big.pem").toFile(), "rw")) {
      big.setLength(50L * 1024 * 1024);
    }
    assertTrue(
        problem(
                CertificateReader.read(
                    tmp, new CertificateSource(Format.PEM, "big.pem", null), ENV),
                "pem")
            .contains("larger than 1 MiB (52428800 bytes)"));
    Path encrypted = tmp.resolve("enc.pem");
    run(
        "openssl",
        "pkcs8",
        "-topk8",
        "-in",
        certs().resolve("good.pem").toString(),
        "-passout",
        "pass:x",
        "-out",
        encrypted.toString());
    assertTrue(
        problem(
                CertificateReader.read(
                    tmp, new CertificateSource(Format.PEM, "enc.pem", null), ENV),
                "pem")
            .contains("encrypted private key"));
  }

  @Test
  void aFileOfUnclosedPemBlocksIsReadInLinearTime(@TempDir Path tmp) throws IOException {
    // Just under the size limit: tens of thousands of BEGIN lines with no END. Matching each one
    // against the rest of the file made lint hang for minutes on a 1 MiB file.
    Files.writeString(
        tmp.resolve("unclosed.pem"), "-----BEGIN A-----\n".repeat(58_000), StandardCharsets.UTF_8);
    String message =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () ->
                problem(
                    CertificateReader.read(
                        tmp, new CertificateSource(Format.PEM, "unclosed.pem", null), ENV),
                    "pem"));
    assertTrue(message.contains("holds no PEM certificate"), message);
  }

  @Test
  void aPfxExportedWithoutItsKeyIsSaidToLackTheKey(@TempDir Path tmp) throws IOException {
    // What "do not export the private key" gives: the certificate alone. The JDK lists no entry
    // for it, so "holds no certificate" would send the user looking for the wrong mistake.
    run(
        "openssl",
        "pkcs12",
        "-export",
        "-nokeys",
        "-in",
        certs().resolve("good.pem").toString(),
        "-passout",
        "pass:lbc-test-password",
        "-out",
        tmp.resolve("no-key.pfx").toString());
    String message =
        problem(
            CertificateReader.read(
                tmp, new CertificateSource(Format.PFX, "no-key.pfx", "${env:PFX_PASSWORD}"), ENV),
            "pfx");
    assertTrue(message.contains("no private key"), message);
  }

  @Test
  void aLiteralPasswordStillOpensTheFile() {
    assertTrue(ok(pfx("good.pfx", "lbc-test-password")).keyMatches());
    assertNull(CertificateSource.envName("lbc-test-password"));
  }

  private static String opensslThumbprint(Path pem) throws Exception {
    String out = run("openssl", "x509", "-in", pem.toString(), "-noout", "-fingerprint", "-sha1");
    return out.substring(out.indexOf('=') + 1).strip().replace(":", "");
  }

  private static String run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      assertEquals(0, p.waitFor(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out;
  }
}
