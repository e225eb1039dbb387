package dev.lbc.compiler.build;

import dev.lbc.compiler.cert.CertificateReader;
import dev.lbc.compiler.cert.Environment;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.CertificateFile;
import dev.lbc.compiler.spi.CertificateFile.Placement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where each certificate's file lies relative to the deployment's folder and reads it, once
 * per compile. The path's text decides the placement first (absolute, or climbing out through
 * {@code ..}); then, when the folder is known and the file exists, its real path, so that a
 * symbolic link leading out is seen too.
 */
public final class CertificateFiles {
  private CertificateFiles() {}

  /** The placement of every certificate; {@code folder} is null when the input is no file. */
  public static List<CertificateFile> locate(Deployment d, Path folder) {
    List<CertificateFile> found = new ArrayList<>();
    for (Certificate c : d.certificates()) {
      if (c.source() != null) {
        found.add(new CertificateFile(c.name(), placement(c.source().path(), folder)));
      }
    }
    return found;
  }

  /**
   * The placement of every certificate and what its file holds, read from {@code folder} with
   * passwords from {@code env}; with no folder (the input is no file), the placement alone.
   */
  public static List<CertificateFile> read(Deployment d, Path folder, Environment env) {
    if (folder == null) {
      return locate(d, null);
    }
    List<CertificateFile> found = new ArrayList<>();
    for (Certificate c : d.certificates()) {
      if (c.source() != null) {
        found.add(
            new CertificateFile(
                c.name(),
                placement(c.source().path(), folder),
                CertificateReader.read(folder, c.source(), env)));
      }
    }
    return found;
  }

  /** Where {@code pem} (as written) leads from {@code folder}. */
  static Placement placement(String pem, Path folder) {
    Path written = Path.of(pem);
    if (written.isAbsolute()) {
      return Placement.ABSOLUTE;
    }
    if (written.normalize().startsWith("..")) {
      return Placement.PARENT;
    }
    if (folder == null) {
      return Placement.INSIDE;
    }
    Path file = folder.resolve(written);
    if (!Files.exists(file)) {
      return Placement.INSIDE; // nothing to follow; the build reports a missing file
    }
    try {
      return file.toRealPath().startsWith(folder.toRealPath())
          ? Placement.INSIDE
          : Placement.LINKED_OUT;
    } catch (IOException e) {
      return Placement.INSIDE; // unreadable: the build reports it with the file's name
    }
  }
}
