package dev.lbc.compiler.cert;

/**
 * Where {@code ${env:NAME}} references are looked up: the process's environment in use, a map in
 * the tests. The only way lbc reads a secret from its environment, so that tests can inject one.
 */
@FunctionalInterface
public interface Environment {
  /** The value of variable {@code name}, or null when it is not set. */
  String get(String name);

  /** The process's environment. */
  static Environment system() {
    return Process.ENVIRONMENT;
  }

  /**
   * A class, not {@code System::getenv}: every compiler asks for it first thing, and in a cold lint
   * that was the main thread's first call site to link, which pays for the JDK's lambda machinery
   * (docs/performance.md, "Cold lint", round 5).
   */
  final class Process implements Environment {
    private static final Process ENVIRONMENT = new Process();

    private Process() {}

    @Override
    public String get(String name) {
      return System.getenv(name);
    }
  }
}
