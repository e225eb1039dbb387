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
    return System::getenv;
  }
}
