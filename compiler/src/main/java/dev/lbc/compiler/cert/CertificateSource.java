package dev.lbc.compiler.cert;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a certificate comes from, as the deployment says: a PEM file (certificate, chain and
 * private key) or a PKCS#12 file (as Exchange exports it) with its password.
 *
 * @param format how the file is encoded
 * @param path the file, relative to the deployment's folder
 * @param password for {@link Format#PFX}: {@code ${env:NAME}} or, with a warning (LBC303), the
 *     password itself; null for PEM
 */
public record CertificateSource(Format format, String path, String password) {
  /** How a certificate file is encoded; the word is its key in the deployment. */
  public enum Format {
    PEM("pem"),
    PFX("pfx");

    private final String key;

    Format(String key) {
      this.key = key;
    }

    /** The deployment's key for a file of this format: {@code pem} or {@code pfx}. */
    public String key() {
      return key;
    }
  }

  private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

  /** The environment variable {@code password} names, or null if it is written as a literal. */
  public static String envName(String password) {
    Matcher m = password == null ? null : ENV_REF.matcher(password);
    return m != null && m.matches() ? m.group(1) : null;
  }
}
