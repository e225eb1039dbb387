package dev.lbc.runtime.serve;

import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.Limits;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.source.SourceText;
import dev.lbc.compiler.spi.Rules;
import dev.lbc.runtime.engine.BindMap;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The reload loop: recompiles the deployment file when it changes (a watcher) or when asked (the
 * command line's SIGHUP), one reload at a time, and keeps the previous configuration serving when
 * the new one is refused.
 */
final class Reloader {
  /** Reloads run one at a time, off the signal and watcher threads. */
  private static final ExecutorService RELOADS =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "lbc-reload");
            t.setDaemon(true);
            return t;
          });

  private final Path file;
  private final String display;
  private final BindMap map;
  private final Consumer<String> log;
  private final Consumer<CompileResult> refused;
  private byte[] lastText;
  // what lbc_config_reload_success and lbc_config_last_reload_timestamp_seconds say; the start is
  // the first successful load
  private volatile boolean lastOk = true;
  private volatile long lastSuccessMs = System.currentTimeMillis();

  /** The deployment's bytes, read as every input is: bounded, never blocking on a FIFO. */
  private static byte[] read(Path file) throws IOException {
    try {
      return SourceText.read(file, Limits.MAX_FILE_BYTES);
    } catch (SourceText.Unreadable e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Remembers the file's text as served now, so that saving it unchanged reloads nothing. */
  Reloader(
      Path file, String display, BindMap map, Consumer<String> log, Consumer<CompileResult> refused)
      throws IOException {
    this.file = file;
    this.display = display;
    this.map = map;
    this.log = log;
    this.refused = refused;
    this.lastText = read(file);
  }

  /** Whether the last reload (or the start) served the file. */
  boolean lastReloadOk() {
    return lastOk;
  }

  /** When the file was last served: the start, or the last reload that succeeded (epoch ms). */
  long lastSuccessMs() {
    return lastSuccessMs;
  }

  /** Queues {@code reload} behind any reload under way. */
  static void later(Runnable reload) {
    RELOADS.execute(reload);
  }

  /**
   * Recompiles the file; a valid deployment replaces the running one without dropping a connection,
   * an invalid one is reported and the running configuration stays. Synchronized: a caller's reload
   * and the watcher's never interleave.
   */
  synchronized void reload(Served engine) {
    byte[] text;
    try {
      text = read(file);
    } catch (IOException e) {
      log.accept(
          "reload: cannot read "
              + file
              + " ("
              + e.getMessage()
              + "); still serving the previous configuration");
      lastOk = false;
      return;
    }
    if (Arrays.equals(text, lastText)) {
      // the file is back to what serves (a refused edit undone): nothing to load, nothing wrong
      lastOk = true;
      return;
    }
    CompileResult r = new Compiler(Rules.load(), false).compile(file, display);
    if (r.hasErrors() || r.model() == null) {
      refused.accept(r);
      log.accept(
          "reload refused: " + display + " has errors; still serving the previous configuration");
      lastOk = false;
      return;
    }
    try {
      if (!engine.reload(Planner.plan(r.model(), display), map)) {
        lastOk = false;
        return; // the engine said why; the previous configuration keeps serving
      }
      lastText = text;
      lastOk = true;
      lastSuccessMs = System.currentTimeMillis();
      log.accept("reloaded " + display);
    } catch (Exception e) {
      lastOk = false;
      log.accept(
          "reload failed: " + e.getMessage() + "; still serving the previous" + " configuration");
    }
  }

  /** Reloads when the deployment file changes (editors write in several steps: debounced). */
  void watch(Runnable reload) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path name = file.getFileName();
    WatchService ws = dir.getFileSystem().newWatchService();
    dir.register(ws, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
    Thread t =
        new Thread(
            () -> {
              while (true) {
                try {
                  WatchKey key = ws.take();
                  boolean ours = false;
                  for (var event : key.pollEvents()) {
                    ours |= name.equals(event.context());
                  }
                  key.reset();
                  if (ours) {
                    // One save can be several events (truncate, write, rename): let the burst
                    // settle, then swallow what it queued, so that one save is one reload.
                    // Two overlapping reloads of a configuration HAProxy refuses would pause its
                    // listeners a second time while the first failure is being reported.
                    Thread.sleep(150);
                    for (WatchKey more = ws.poll(); more != null; more = ws.poll()) {
                      more.pollEvents();
                      more.reset();
                    }
                    later(reload);
                  }
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "lbc-watch");
    t.setDaemon(true);
    t.start();
  }
}
