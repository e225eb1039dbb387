package dev.lbc.compiler.spi;

import dev.lbc.compiler.cert.CertificateRead;

/**
 * Where a certificate's file lies and what it holds, as the compiler found them: facts of the file
 * system that rules read instead of touching files themselves.
 *
 * @param name the certificate's name as declared
 * @param placement where its {@code pem} or {@code pfx} path leads, relative to the deployment's
 *     folder
 * @param read what reading the file gave, or null when it was not read (the input is no file, so no
 *     folder to read it from)
 */
public record CertificateFile(String name, Placement placement, CertificateRead read) {
  /** The placement alone: the file was not read. */
  public CertificateFile(String name, Placement placement) {
    this(name, placement, null);
  }

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
