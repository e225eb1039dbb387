package dev.lbc.cli;

import dev.lbc.compiler.pipeline.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A file as it was at a git revision: {@code git show REV:./NAME}, run in the file's folder so that
 * the path is the file's own wherever the repository's root is. Bounded in size (the compiler's
 * file limit) and in time; any failure is the user's to fix (exit 2).
 */
final class GitRevision {
  private static final long TIMEOUT_SECONDS = 30;

  private GitRevision() {}

  static byte[] read(String rev, Path file) {
    if (rev.isEmpty() || rev.startsWith("-") || rev.contains(":")) {
      throw new Main.UsageError("'" + rev + "' is not a git revision");
    }
    Path abs = file.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    String spec = rev + ":./" + abs.getFileName();
    Process p;
    try {
      p =
          new ProcessBuilder(List.of("git", "show", "--no-textconv", spec))
              .directory(dir.toFile())
              .start();
    } catch (IOException e) {
      throw new Main.UsageError("cannot run git to read " + spec + ": " + e.getMessage());
    }
    try {
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> bounded(p.getErrorStream(), 4096));
      byte[] out = bounded(p.getInputStream(), Limits.MAX_FILE_BYTES + 1L);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new Main.UsageError("git show " + spec + " took longer than 30 s");
      }
      if (p.exitValue() != 0) {
        String why =
            new String(err.join(), StandardCharsets.UTF_8)
                .strip()
                .lines()
                .findFirst()
                .orElse("exit " + p.exitValue());
        throw new Main.UsageError("cannot read " + spec + " from git: " + why);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Main.UsageError("interrupted while reading " + spec + " from git");
    } finally {
      p.destroyForcibly();
    }
  }

  /**
   * At most {@code limit} bytes, then the rest drained unread so that git does not block on a full
   * pipe; one byte over the limit is kept so the compiler reports the file as too large.
   */
  private static byte[] bounded(InputStream in, long limit) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        int keep = (int) Math.min(n, Math.max(0, limit - b.size()));
        b.write(buf, 0, keep);
      }
    } catch (IOException e) {
      // the process's exit status says what went wrong
    }
    return b.toByteArray();
  }
}
