package dev.lbc.compiler.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files that hold a private key (the offload PEMs): written for their owner only (0600), and never
 * readable by more than their source was, so a copy never widens who can read the key. Used by the
 * build (the PEMs of appliances/HOST/certs/) and by {@code lbc run --engine haproxy} (its run
 * folder's certs/), so both follow one rule; both write what {@link
 * dev.lbc.compiler.cert.CertificateReader} read, never a raw copy.
 */
public final class SecretFiles {
  private SecretFiles() {}

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  /** The mode for a copy of {@code source}: 0600, narrowed to what the source allows its owner. */
  public static Set<PosixFilePermission> modeFor(Path source) throws IOException {
    if (!posix(source)) {
      return OWNER_ONLY;
    }
    Set<PosixFilePermission> mode = EnumSet.copyOf(OWNER_ONLY);
    mode.retainAll(Files.getPosixFilePermissions(source));
    return mode;
  }

  /**
   * Writes {@code bytes} to a new file {@code target} with {@code mode}: created owner-only, so no
   * moment exists at which others could read it, then narrowed to {@code mode}.
   */
  public static void write(Path target, byte[] bytes, Set<PosixFilePermission> mode)
      throws IOException {
    if (!posix(target.getParent())) {
      Files.write(target, bytes);
      return;
    }
    Files.deleteIfExists(target);
    Files.createFile(target, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.write(target, bytes);
    Files.setPosixFilePermissions(target, mode);
  }

  private static boolean posix(Path p) {
    return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
  }
}
