package dev.lbc.runtime.haproxy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The folder of one {@code lbc run --engine haproxy}: its haproxy.cfg, the copies of the
 * certificates and private keys, the stats socket. Private to lbc's user (0700), and removed when
 * the run ends, whether it stops, fails to start or is stopped by SIGTERM.
 *
 * <p>A run killed with SIGKILL cannot remove it. So the run holds a lock on {@code lbc.lock} in its
 * folder for as long as it lives (the kernel drops it when the process dies, however it dies), and
 * every new run removes the folders whose lock it can take: their run is gone.
 */
public final class RunFolder implements AutoCloseable {
  static final String PREFIX = "lbc-haproxy-";
  private static final String LOCK = "lbc.lock";

  /**
   * Written once the lock is held, naming the run's process: a folder without it may be one that
   * another run is setting up right now.
   */
  static final String MARK = "lbc.owner";

  private final Path path;
  private final FileChannel channel;

  private RunFolder(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /** Removes what killed runs left in {@code tmp}, then makes and locks a folder for this run. */
  public static RunFolder create(Path tmp, Consumer<String> log) throws IOException {
    for (Path left : orphans(tmp)) {
      delete(left);
      log.accept("removed the folder of an earlier lbc run that was killed: " + left);
    }
    Path dir = Files.createTempDirectory(tmp, PREFIX);
    FileChannel channel =
        FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.lock();
    Files.writeString(dir.resolve(MARK), ProcessHandle.current().pid() + "\n");
    return new RunFolder(dir, channel);
  }

  public Path path() {
    return path;
  }

  /** The folders in {@code tmp} whose run no longer holds their lock. */
  static List<Path> orphans(Path tmp) throws IOException {
    List<Path> orphans = new ArrayList<>();
    try (Stream<Path> s = Files.list(tmp)) {
      for (Path dir : s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
        if (!Files.isRegularFile(dir.resolve(MARK)) || !Files.isRegularFile(dir.resolve(LOCK))) {
          continue;
        }
        try (FileChannel c = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.WRITE);
            FileLock lock = c.tryLock()) {
          if (lock != null) {
            orphans.add(dir);
          }
        } catch (OverlappingFileLockException e) {
          // a run in this very process holds it
        } catch (IOException e) {
          // another user's folder, or one that went away meanwhile: not ours to remove
        }
      }
    }
    return orphans;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Removes the folder, then lets go of its lock. */
  @Override
  public void close() throws IOException {
    try {
      delete(path);
    } finally {
      channel.close();
    }
  }
}
