package dev.lbc.compiler.cert;

import dev.lbc.compiler.cert.CertificateRead.Read;
import dev.lbc.compiler.cert.CertificateRead.Unreadable;
import dev.lbc.compiler.cert.CertificateSource.Format;
import dev.lbc.compiler.source.SourceText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Reads a certificate file, PEM or PKCS#12, with the JDK alone (ADR 0015): bounded like every
 * input, never opened when it is a FIFO or a device, and every problem said in one sentence, never
 * thrown. PEM keys may be PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA ({@code BEGIN RSA PRIVATE
 * KEY}) or SEC1 EC ({@code BEGIN EC PRIVATE KEY}); an encrypted PEM key is refused, since HAProxy
 * would ask for its passphrase at every start.
 */
public final class CertificateReader {
  private CertificateReader() {}

  /** The largest certificate file lbc reads: a chain and its key take a few KiB. */
  public static final int MAX_BYTES = 1024 * 1024;

  private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

  /** One PEM block: its type (CERTIFICATE, PRIVATE KEY...) and its body, headers included. */
  private record Block(String type, String body) {}

  /**
   * The closed PEM blocks of {@code text}, line by line. Linear on purpose: a regex that looked for
   * each BEGIN's END over the rest of the file took minutes on a file of unclosed BEGIN lines.
   */
  private static List<Block> blocks(String text) {
    List<Block> blocks = new ArrayList<>();
    String type = null;
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String l = line.strip();
      Matcher begin = BEGIN.matcher(l);
      if (begin.matches()) {
        type = begin.group(1);
        body.setLength(0);
      } else if (type != null && l.equals("-----END " + type + "-----")) {
        blocks.add(new Block(type, body.toString()));
        type = null;
      } else if (type != null) {
        body.append(l).append('\n');
      }
    }
    return blocks;
  }

  /** Reads {@code source}, its path relative to {@code folder}, its password from {@code env}. */
  public static CertificateRead read(Path folder, CertificateSource source, Environment env) {
    String field = source.format().key();
    char[] password = null;
    if (source.format() == Format.PFX) {
      String name = CertificateSource.envName(source.password());
      String value = name == null ? source.password() : env.get(name);
      if (value == null) {
        return new Unreadable(
            "password",
            "the environment variable "
                + name
                + " is not set, so the PKCS#12 file cannot be opened");
      }
      password = value.toCharArray();
    }
    Path file = folder.resolve(source.path()).normalize();
    byte[] bytes;
    try {
      bytes = SourceText.read(file, MAX_BYTES);
    } catch (SourceText.Unreadable e) {
      return new Unreadable(field, source.path() + ": " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      return new Unreadable(
          field,
          source.path()
              + " is larger than 1 MiB ("
              + file.toFile().length()
              + " bytes): a certificate, its chain and key take a few KiB");
    }
    try {
      return new Read(
          source.format() == Format.PEM ? pem(bytes) : pfx(bytes, password, source.path()));
    } catch (Problem p) {
      return new Unreadable(field, source.path() + " " + p.getMessage());
    }
  }

  /** A certificate that cannot serve TLS: unreadable, or without its private key. */
  public static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * What {@code source} holds, for a server to load: refused with the reason when it cannot be read
   * or its private key is missing or not the certificate's (the engines' path: lint reports the
   * same problems as LBC112 and LBC113).
   */
  public static CertificateInfo forServing(Path folder, CertificateSource source, Environment env)
      throws Unusable {
    CertificateRead read = read(folder, source, env);
    if (read instanceof Unreadable u) {
      throw new Unusable(u.message());
    }
    CertificateInfo info = ((Read) read).info();
    if (!info.keyMatches()) {
      throw new Unusable(
          source.path()
              + (info.hasPrivateKey()
                  ? " holds a private key that does not belong to its certificate"
                  : " holds no private key"));
    }
    return info;
  }

  /** What is wrong with a file's content, said after its path. */
  private static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message, null, false, false);
    }
  }

  static CertificateInfo pem(byte[] bytes) throws Problem {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    List<X509Certificate> certificates = new ArrayList<>();
    List<PrivateKey> keys = new ArrayList<>();
    for (Block block : blocks(text)) {
      String type = block.type();
      String body = block.body();
      switch (type) {
        case "CERTIFICATE", "TRUSTED CERTIFICATE" -> certificates.add(certificate(der(body)));
        case "PRIVATE KEY" -> keys.add(pkcs8(der(body)));
        case "RSA PRIVATE KEY" -> keys.add(pkcs8(Der.rsaPkcs8(der(unencrypted(body)))));
        case "EC PRIVATE KEY" -> keys.add(pkcs8(Der.ecPkcs8(der(unencrypted(body)))));
        case "ENCRYPTED PRIVATE KEY" -> throw encrypted();
        default -> {
          // DH parameters and the like: HAProxy may use them, lbc has nothing to check
        }
      }
    }
    if (certificates.isEmpty()) {
      if (!text.contains("-----BEGIN ") && bytes.length > 0 && bytes[0] == 0x30) {
        throw new Problem(
            "is DER, not PEM: convert it with `openssl x509 -inform der -in FILE` and add the"
                + " private key");
      }
      throw new Problem("holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    if (keys.size() > 1) {
      throw new Problem(
          "holds "
              + keys.size()
              + " private keys: keep only the one that belongs to the certificate");
    }
    return info(certificates, keys.isEmpty() ? null : keys.get(0));
  }

  static CertificateInfo pfx(byte[] bytes, char[] password, String path) throws Problem {
    if (new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1)
        .contains("-----BEGIN ")) {
      throw new Problem("is PEM, not PKCS#12: write `pem: " + path + "` instead of `pfx:`");
    }
    KeyStore store;
    try {
      store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(bytes), password);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("password")) {
        throw new Problem("cannot be opened with this password (a wrong password)");
      }
      throw new Problem("is not a PKCS#12 (.pfx) file");
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new Problem("is not a PKCS#12 (.pfx) file lbc can read: " + e.getMessage());
    }
    try {
      List<String> keyAliases = new ArrayList<>();
      List<X509Certificate> loose = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          keyAliases.add(alias);
        } else if (store.getCertificate(alias) instanceof X509Certificate c) {
          loose.add(c);
        }
      }
      if (keyAliases.size() > 1) {
        throw new Problem(
            "holds "
                + keyAliases.size()
                + " private keys: export only the Exchange certificate with its key");
      }
      if (keyAliases.isEmpty()) {
        if (loose.isEmpty()) {
          // The JDK lists a certificate without its key only when Java marked it trusted, so a
          // PFX exported without the private key looks empty here.
          throw new Problem(
              "holds no private key, and no certificate with one: export the Exchange certificate"
                  + " with its private key");
        }
        return info(loose, null);
      }
      String alias = keyAliases.get(0);
      Key key = store.getKey(alias, password);
      List<X509Certificate> chain = new ArrayList<>();
      Certificate[] stored = store.getCertificateChain(alias);
      for (Certificate c : stored == null ? new Certificate[0] : stored) {
        if (c instanceof X509Certificate x) {
          chain.add(x);
        }
      }
      if (chain.isEmpty()) {
        throw new Problem("holds a private key but no certificate");
      }
      return info(chain, key instanceof PrivateKey p ? p : null);
    } catch (GeneralSecurityException e) {
      throw new Problem("holds a private key lbc cannot read: " + e.getMessage());
    }
  }

  private static String unencrypted(String body) throws Problem {
    if (body.contains("ENCRYPTED")) {
      throw encrypted();
    }
    return body;
  }

  private static Problem encrypted() {
    return new Problem(
        "holds an encrypted private key: HAProxy cannot start without its passphrase; decrypt it"
            + " with `openssl pkey -in FILE`, or use `pfx:` with a password");
  }

  private static byte[] der(String base64) throws Problem {
    try {
      return Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new Problem("holds a PEM block that is not valid base64");
    }
  }

  /**
   * A throwaway self-signed certificate (RSA, CN and one SAN name, the shape of an Exchange
   * certificate) that {@link #prepare} reads. Its one day of validity is on purpose and never
   * checked: it is parsed, not trusted or served, and does not need renewing.
   */
  private static final String WARM_UP_CERTIFICATE =
      "MIICIDCCAYmgAwIBAgIUFZC8zow1yfJ2acS66IHm18IuPDswDQYJKoZIhvcNAQELBQAwFjEUMBIGA1UEAwwLbGJj"
          + "IHdhcm0tdXAwHhcNMjYxMjAyMDU1ODQyWhcNMjYxMjAzMDU1ODQyWjAWMRQwEgYDVQQDDAtsYmMgd2FybS11cDCB"
          + "nzANBgkqhkiG9w0BAQEFAAOBjQAwgYkCgYEAsXsDlcywO9zMqnuK4z8ypUddbL9gsMPjN/tXLhP3gkxNum6wfA5Q"
          + "vI/cpMWlLOPQ+DmuR51o4CJXXG8XB3Gkpsk5DRHcvz+WI2QixdpAk/bzKhu3b6pffY7j43sPig1TVEhWZssstDfu"
          + "OS6/P+4RcUUrTaB30aIU0pZKc7Ya42cCAwEAAaNrMGkwHQYDVR0OBBYEFDGdOYSdfrZ/MtvLORyuvq9yB3RAMB8G"
          + "A1UdIwQYMBaAFDGdOYSdfrZ/MtvLORyuvq9yB3RAMA8GA1UdEwEB/wQFMAMBAf8wFgYDVR0RBA8wDYILbGJjLmlu"
          + "dmFsaWQwDQYJKoZIhvcNAQELBQADgYEAsG5OtJkSyazKyY1TkQaaVU2NqJlDkhJihxqYeJPu86tWeK/JykmYE7Jn"
          + "wiUwdqzscdcnBDFCsUm/PGoeO4/NW3aa0G2eoYIrIU0zoLVHJeTwS1Mxa0AgcHyIeTccAKCHxApPNaSJcRn5u+zA"
          + "mFLzb4wWg4TKWn0yCY/gBrfy+xs=";

  /**
   * Makes the JDK's certificate factory and digest ready, the first use of which sets up its
   * security providers (milliseconds of a cold lint): for a command that will read certificates, on
   * a thread of its own while it starts. It reads a certificate of its own, because the factory's
   * first certificate also asks for the JDK's security-event logger, whose first use looks for a
   * logging service on the class path (the jar's central directory, read here); asked for by the
   * JDK itself, that logger stands in for java.util.logging without starting it, which asking for
   * it from here did (docs/performance.md, "Cold lint", round 6). Nothing is kept; a missing
   * algorithm is left for the read to report.
   */
  public static void prepare() {
    try {
      CertificateFactory.getInstance("X.509")
          .generateCertificate(
              new ByteArrayInputStream(Base64.getDecoder().decode(WARM_UP_CERTIFICATE)));
      MessageDigest.getInstance("SHA-1");
    } catch (GeneralSecurityException e) {
      // the read meets the same and says so
    }
  }

  private static X509Certificate certificate(byte[] der) throws Problem {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | ClassCastException e) {
      throw new Problem("holds a certificate lbc cannot parse");
    }
  }

  private static PrivateKey pkcs8(byte[] der) throws Problem {
    for (String algorithm : List.of("RSA", "EC", "EdDSA", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // not this algorithm; try the next
      }
    }
    throw new Problem("holds a private key lbc cannot read (RSA, EC and EdDSA keys are read)");
  }

  /** The facts of a chain and its key: the leaf is the certificate the key belongs to. */
  private static CertificateInfo info(List<X509Certificate> certificates, PrivateKey key) {
    List<X509Certificate> chain = new ArrayList<>(certificates);
    X509Certificate leaf = chain.get(0);
    if (key != null) {
      for (X509Certificate c : chain) {
        if (belongs(key, c.getPublicKey())) {
          leaf = c;
          break;
        }
      }
      chain.remove(leaf);
      chain.add(0, leaf);
    }
    PublicKey pub = leaf.getPublicKey();
    return new CertificateInfo(
        chain,
        dnsNames(leaf),
        commonName(leaf),
        leaf.getNotBefore().toInstant(),
        leaf.getNotAfter().toInstant(),
        pub.getAlgorithm(),
        keySize(pub),
        leaf.getSigAlgName(),
        key,
        key != null && belongs(key, pub),
        thumbprint(leaf));
  }

  /**
   * Whether {@code key} is the private half of {@code pub}: RSA moduli equal; for EC, the public
   * point is d·G (computed here: the JDK parses curves it no longer signs with, such as P-224,
   * which LBC216 must still see with their own key); for EdDSA, a signature that verifies.
   */
  static boolean belongs(PrivateKey key, PublicKey pub) {
    if (key instanceof RSAKey k && pub instanceof RSAKey p) {
      return k.getModulus().equals(p.getModulus());
    }
    if (key instanceof ECPrivateKey k && pub instanceof ECPublicKey p) {
      ECPoint q = EcPoints.multiply(k.getParams(), k.getS());
      return q != null
          && q.equals(p.getW())
          && p.getParams().getCurve().equals(k.getParams().getCurve());
    }
    if (!key.getAlgorithm().startsWith("Ed") || !pub.getAlgorithm().startsWith("Ed")) {
      return false;
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature sign = Signature.getInstance(key.getAlgorithm());
      sign.initSign(key);
      sign.update(challenge);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(key.getAlgorithm());
      verify.initVerify(pub);
      verify.update(challenge);
      return verify.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // keys of different kinds: not a pair
    }
  }

  /** Scalar multiplication on a prime-field curve, in affine coordinates: enough for one check. */
  static final class EcPoints {
    private EcPoints() {}

    /** d·G on the curve of {@code params}, or null for a curve over a binary field. */
    static ECPoint multiply(ECParameterSpec params, BigInteger d) {
      if (!(params.getCurve().getField() instanceof ECFieldFp field)) {
        return null;
      }
      BigInteger p = field.getP();
      BigInteger a = params.getCurve().getA();
      ECPoint result = ECPoint.POINT_INFINITY;
      for (int i = d.bitLength() - 1; i >= 0; i--) {
        result = add(result, result, a, p);
        if (d.testBit(i)) {
          result = add(result, params.getGenerator(), a, p);
        }
      }
      return result;
    }

    private static ECPoint add(ECPoint s, ECPoint t, BigInteger a, BigInteger p) {
      if (s.equals(ECPoint.POINT_INFINITY)) {
        return t;
      }
      if (t.equals(ECPoint.POINT_INFINITY)) {
        return s;
      }
      BigInteger x1 = s.getAffineX();
      BigInteger y1 = s.getAffineY();
      BigInteger x2 = t.getAffineX();
      BigInteger y2 = t.getAffineY();
      BigInteger slope;
      if (x1.equals(x2)) {
        if (!y1.equals(y2) || y1.signum() == 0) {
          return ECPoint.POINT_INFINITY; // t = -s
        }
        slope =
            x1.pow(2)
                .multiply(BigInteger.valueOf(3))
                .add(a)
                .multiply(y1.shiftLeft(1).modInverse(p))
                .mod(p);
      } else {
        slope = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
      }
      BigInteger x3 = slope.pow(2).subtract(x1).subtract(x2).mod(p);
      BigInteger y3 = slope.multiply(x1.subtract(x3)).subtract(y1).mod(p);
      return new ECPoint(x3, y3);
    }
  }

  private static int keySize(PublicKey pub) {
    if (pub instanceof RSAKey k) {
      return k.getModulus().bitLength();
    }
    if (pub instanceof ECKey k) {
      return k.getParams().getCurve().getField().getFieldSize();
    }
    return switch (pub.getAlgorithm()) {
      case "Ed25519" -> 255;
      case "Ed448" -> 448;
      default -> 0;
    };
  }

  private static List<String> dnsNames(X509Certificate c) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = c.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() == 2 && Integer.valueOf(2).equals(san.get(0))) {
            names.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // an unparsable SAN covers nothing
    }
    return names;
  }

  private static String commonName(X509Certificate c) {
    try {
      LdapName name = new LdapName(c.getSubjectX500Principal().getName());
      for (Rdn rdn : name.getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      // no CN
    }
    return null;
  }

  private static String thumbprint(X509Certificate c) {
    try {
      return HexFormat.of()
          .withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(c.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateException e) {
      throw new IllegalStateException("SHA-1 is in every JDK", e);
    }
  }

  /** The little DER lbc writes: PKCS#1 and SEC1 keys wrapped as PKCS#8. */
  static final class Der {
    private Der() {}

    private static final byte[] RSA_ALGORITHM = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    private static final byte[] EC_PUBLIC_KEY = {
      0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
    };
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    static byte[] rsaPkcs8(byte[] pkcs1) {
      return tlv(0x30, VERSION_0, RSA_ALGORITHM, tlv(0x04, pkcs1));
    }

    /** SEC1 {@code ECPrivateKey}: its [0] parameters name the curve the PKCS#8 wrapper needs. */
    static byte[] ecPkcs8(byte[] sec1) throws Problem {
      try {
        int[] outer = header(sec1, 0); // SEQUENCE
        int at = outer[0];
        for (int skip = 0; skip < 2; skip++) { // version, privateKey
          int[] h = header(sec1, at);
          at = h[0] + h[1];
        }
        if ((sec1[at] & 0xff) != 0xa0) {
          throw new Problem("holds an EC key without its curve: write it as PKCS#8");
        }
        int[] params = header(sec1, at);
        byte[] curve = java.util.Arrays.copyOfRange(sec1, params[0], params[0] + params[1]);
        return tlv(0x30, VERSION_0, tlv(0x30, EC_PUBLIC_KEY, curve), tlv(0x04, sec1));
      } catch (IndexOutOfBoundsException e) {
        throw new Problem("holds an EC private key that is not valid DER");
      }
    }

    /** The start of the value and its length, for the TLV at {@code at}. */
    private static int[] header(byte[] der, int at) {
      int len = der[at + 1] & 0xff;
      int start = at + 2;
      if (len > 0x80) {
        int n = len - 0x80;
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (der[start + i] & 0xff);
        }
        start += n;
      }
      if (start + len > der.length) {
        throw new IndexOutOfBoundsException("length past the end");
      }
      return new int[] {start, len};
    }

    private static byte[] tlv(int tag, byte[]... parts) {
      ByteArrayOutputStream value = new ByteArrayOutputStream();
      for (byte[] p : parts) {
        value.writeBytes(p);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(tag);
      int len = value.size();
      if (len < 0x80) {
        out.write(len);
      } else if (len < 0x100) {
        out.write(0x81);
        out.write(len);
      } else if (len < 0x10000) {
        out.write(0x82);
        out.write(len >> 8);
        out.write(len);
      } else {
        out.write(0x83);
        out.write(len >> 16);
        out.write(len >> 8);
        out.write(len);
      }
      out.writeBytes(value.toByteArray());
      return out.toByteArray();
    }
  }
}
