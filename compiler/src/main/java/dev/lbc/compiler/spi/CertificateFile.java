package dev.lbc.compiler.spi;

/**
 * Where a certificate's PEM lies, as the compiler found it: a fact of the file system that rules
 * read instead of touching files themselves.
 *
 * @param name the certificate's name as declared
 * @param placement where its {@code pem} path leads, relative to the deployment's folder
 */
public record CertificateFile(String name, Placement placement) {

  /** Where a {@code pem} path leads. */
  public enum Placement {
    /** In the deployment's folder or below it (or not found: nothing says it leaves). */
    INSIDE,
    /** An absolute path. */
    ABSOLUTE,
    /** A relative path that climbs out of the folder through {@code ..}. */
    PARENT,
    /** A path inside the folder that a symbolic link leads out of it. */
    LINKED_OUT
  }
}
