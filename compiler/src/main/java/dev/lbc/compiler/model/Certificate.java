package dev.lbc.compiler.model;

import dev.lbc.compiler.cert.CertificateSource;
import dev.lbc.compiler.cert.CertificateSource.Format;

/**
 * A certificate for SSL offload: a PEM file (certificate, chain and key) or a PKCS#12 file with its
 * password; exactly one of {@code pem} and {@code pfx} is written (the resolver checks), each
 * relative to the input file.
 *
 * @param password with {@code pfx}: {@code ${env:NAME}}, or the password itself (LBC303)
 */
public record Certificate(String name, String pem, String pfx, String password, Src src) {
  /** A PEM certificate. */
  public Certificate(String name, String pem, Src src) {
    this(name, pem, null, null, src);
  }

  /** Where the certificate is read from; null if neither file was written (an LBC002 error). */
  public CertificateSource source() {
    if (pem != null) {
      return new CertificateSource(Format.PEM, pem, null);
    }
    return pfx == null ? null : new CertificateSource(Format.PFX, pfx, password);
  }

  /** The key that names the file: {@code pem} or {@code pfx}. */
  public String fileKey() {
    return pfx != null && pem == null ? "pfx" : "pem";
  }
}
