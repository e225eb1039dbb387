package dev.lbc.compiler.cert;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A certificate as read from its file: the leaf and its chain, what the rules check about the leaf,
 * and the private key, if any.
 *
 * @param chain the leaf first, then the rest of the chain in file order
 * @param dnsNames the leaf's SAN DNS names, as written
 * @param commonName the leaf subject's CN, or null
 * @param notBefore the start of the leaf's validity
 * @param notAfter the end of the leaf's validity
 * @param keyAlgorithm the leaf's public key algorithm: RSA, EC, Ed25519...
 * @param keySize the public key's size in bits (RSA modulus, EC field)
 * @param signatureAlgorithm the leaf's signature algorithm, as the JDK names it (SHA256withRSA)
 * @param privateKey the private key, or null when the file holds none
 * @param keyMatches whether the private key belongs to the leaf's public key
 * @param thumbprint the leaf's SHA-1 thumbprint in uppercase hex, as Windows shows it
 */
public record CertificateInfo(
    List<X509Certificate> chain,
    List<String> dnsNames,
    String commonName,
    Instant notBefore,
    Instant notAfter,
    String keyAlgorithm,
    int keySize,
    String signatureAlgorithm,
    PrivateKey privateKey,
    boolean keyMatches,
    String thumbprint) {
  public CertificateInfo {
    chain = List.copyOf(chain);
    dnsNames = List.copyOf(dnsNames);
  }

  /** The certificate the file is for (the first of the chain). */
  public X509Certificate leaf() {
    return chain.get(0);
  }

  public boolean hasPrivateKey() {
    return privateKey != null;
  }

  /**
   * Whether the leaf covers {@code host}: by its SAN DNS names, or by its CN when it has no SAN
   * (RFC 6125 §6.4.4: clients ignore the CN when there is one), compared without case; a wildcard
   * {@code *.} covers exactly one label.
   */
  public boolean covers(String host) {
    String h = normal(host);
    if (!dnsNames.isEmpty()) {
      for (String n : dnsNames) {
        if (matches(normal(n), h)) {
          return true;
        }
      }
      return false;
    }
    return commonName != null && matches(normal(commonName), h);
  }

  /** The names the leaf is for: its SAN DNS names, or its CN when it has none. */
  public List<String> names() {
    if (!dnsNames.isEmpty()) {
      return dnsNames;
    }
    return commonName == null ? List.of() : List.of(commonName);
  }

  private static String normal(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static boolean matches(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      int dot = host.indexOf('.');
      // one label, not empty, in place of the star; the rest exactly
      return dot > 0 && host.substring(dot).equals(pattern.substring(1));
    }
    return pattern.equals(host);
  }

  /**
   * The file HAProxy and the embedded engine load: the chain, leaf first, then the private key as
   * unencrypted PKCS#8, whatever the source's format was.
   */
  public String canonicalPem() {
    StringBuilder pem = new StringBuilder();
    try {
      for (X509Certificate c : chain) {
        block(pem, "CERTIFICATE", c.getEncoded());
      }
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a certificate read from a file encodes again", e);
    }
    if (privateKey != null) {
      block(pem, "PRIVATE KEY", privateKey.getEncoded());
    }
    return pem.toString();
  }

  private static void block(StringBuilder pem, String type, byte[] der) {
    pem.append("-----BEGIN ").append(type).append("-----\n");
    String base64 =
        new String(
            Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der), StandardCharsets.US_ASCII);
    pem.append(base64).append("\n-----END ").append(type).append("-----\n");
  }
}
