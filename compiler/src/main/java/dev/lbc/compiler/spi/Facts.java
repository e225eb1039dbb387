package dev.lbc.compiler.spi;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the compiler learned about a deployment beyond its text, for the rules: typed facts, so that
 * rules stay pure functions of the model and these values.
 */
public final class Facts {
  /** No facts beyond what the text itself says. */
  public static final Facts NONE = new Facts(List.of());

  private final Map<String, CertificateFile> certificates = new HashMap<>();

  public Facts(List<CertificateFile> certificates) {
    for (CertificateFile c : certificates) {
      this.certificates.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c);
    }
  }

  /** The certificate named {@code name} (names compare without case), or null if unknown. */
  public CertificateFile certificate(String name) {
    return certificates.get(name.toLowerCase(Locale.ROOT));
  }
}
