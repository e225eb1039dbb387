package dev.lbc.compiler.spi;

import dev.lbc.compiler.cert.CertificateInfo;
import dev.lbc.compiler.cert.CertificateRead;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the compiler learned about a deployment beyond its text, for the rules: typed facts, so that
 * rules stay pure functions of the model and these values.
 */
public final class Facts {
  private final Map<String, CertificateFile> certificates = new HashMap<>();
  private final Instant now;

  /**
   * Facts for a lint at {@code now}: the one clock every rule that depends on time reads (from
   * {@code --now} or {@code SOURCE_DATE_EPOCH} when set), so that a run is reproducible.
   */
  public Facts(List<CertificateFile> certificates, Instant now) {
    this.now = now;
    for (CertificateFile c : certificates) {
      this.certificates.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c);
    }
  }

  /** No facts beyond what the text itself says, at {@code now}. */
  public static Facts none(Instant now) {
    return new Facts(List.of(), now);
  }

  /** The lint time. */
  public Instant now() {
    return now;
  }

  /**
   * What the file of certificate {@code name} holds, or null if it was not read or could not be
   * (LBC113's finding): what the certificate rules check.
   */
  public CertificateInfo certificateInfo(String name) {
    CertificateFile file = certificate(name);
    return file != null && file.read() instanceof CertificateRead.Read r ? r.info() : null;
  }

  /** The certificate named {@code name} (names compare without case), or null if unknown. */
  public CertificateFile certificate(String name) {
    return certificates.get(name.toLowerCase(Locale.ROOT));
  }
}
