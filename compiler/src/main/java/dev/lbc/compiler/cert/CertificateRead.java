package dev.lbc.compiler.cert;

/** What reading a certificate gave: the certificate, or why it could not be read. */
public sealed interface CertificateRead {
  /** The file was read: what it holds. */
  record Read(CertificateInfo info) implements CertificateRead {}

  /**
   * The file could not be read, said in one sentence for a diagnostic.
   *
   * @param field the key whose value is at fault: {@code pem}, {@code pfx} or {@code password}
   * @param message what is wrong, for a diagnostic at that value
   */
  record Unreadable(String field, String message) implements CertificateRead {}
}
