package dev.lbc.compiler.render;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a CI system's checkout is, so formats it reads name files relative to the repository root:
 * GitHub matches an annotation's {@code file=}, GitLab a Code Quality issue's {@code path} and both
 * a fingerprint's path, against paths in the repository, whatever folder lbc ran in.
 *
 * @param root the checkout: {@code GITHUB_WORKSPACE}, else {@code CI_PROJECT_DIR}, else the current
 *     folder
 * @param cwd the folder relative input paths are relative to
 */
public record Workspace(Path root, Path cwd) {
  public Workspace {
    root = root.toAbsolutePath().normalize();
    cwd = cwd.toAbsolutePath().normalize();
  }

  /** The workspace of this process, from its environment and working folder. */
  public static Workspace current() {
    return of(System.getenv(), Path.of(""));
  }

  static Workspace of(Map<String, String> env, Path cwd) {
    for (String name : new String[] {"GITHUB_WORKSPACE", "CI_PROJECT_DIR"}) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return new Workspace(Path.of(value), cwd);
      }
    }
    return new Workspace(cwd, cwd);
  }

  /**
   * {@code displayPath} relative to the root, with '/' separators, if the file is inside it; as
   * given otherwise (a file outside the checkout has no repository path to point at).
   */
  public String path(String displayPath) {
    Path abs;
    try {
      abs = cwd.resolve(displayPath).normalize();
    } catch (InvalidPathException e) {
      return displayPath;
    }
    if (!abs.startsWith(root) || abs.equals(root)) {
      return displayPath;
    }
    return root.relativize(abs).toString().replace('\\', '/');
  }
}
