package dev.lbc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * lbc as a separate process, for what only a process has: its own working directory and environment
 * ({@code GITHUB_WORKSPACE}, {@code CI_PROJECT_DIR}), and shell commands that call {@code lbc} by
 * name. It runs this build's classes, never {@code ./lbc}, whose first run builds and installs the
 * jar.
 */
final class LbcProcess {
  private LbcProcess() {}

  record Result(int exit, String out, String err) {}

  /** Runs {@code lbc args} in {@code cwd} with {@code env} added to this process's environment. */
  static Result lbc(Path cwd, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(java());
    command.addAll(List.of(args));
    return run(command, cwd, env);
  }

  /** Runs {@code script} with bash in {@code cwd}; {@code lbc} on the PATH is this build's. */
  static Result shell(Path cwd, Map<String, String> env, Path bin, String script) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("PATH", bin + ":" + System.getenv("PATH"));
    return run(List.of("bash", "-euo", "pipefail", "-c", script), cwd, all);
  }

  /** A folder holding an executable {@code lbc} that runs this build's classes. */
  static Path shim(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path lbc = folder.resolve("lbc");
    StringBuilder s = new StringBuilder("#!/usr/bin/env bash\nexec");
    for (String part : java()) {
      s.append(" '").append(part.replace("'", "'\\''")).append('\'');
    }
    s.append(" \"$@\"\n");
    Files.writeString(lbc, s.toString(), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(lbc, PosixFilePermissions.fromString("rwxr-xr-x"));
    return folder;
  }

  private static List<String> java() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp",
        System.getProperty("java.class.path"),
        "dev.lbc.cli.Main");
  }

  private static Result run(List<String> command, Path cwd, Map<String, String> env)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    // a CI runner's own variables must not leak into what the test controls
    pb.environment().remove("GITHUB_WORKSPACE");
    pb.environment().remove("CI_PROJECT_DIR");
    pb.environment().putAll(env);
    Path err = Files.createTempFile("lbc-err", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    String errText = Files.readString(err, StandardCharsets.UTF_8);
    Files.delete(err);
    return new Result(p.exitValue(), out, errText);
  }
}
