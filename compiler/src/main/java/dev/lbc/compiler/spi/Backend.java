package dev.lbc.compiler.spi;

import dev.lbc.compiler.plan.Plan;
import java.util.List;

/**
 * A build target, found through {@link java.util.ServiceLoader}: renders files from the plan alone,
 * as a pure function. Nothing is written until every backend has rendered.
 */
public interface Backend {
  /** The target's name, e.g. {@code haproxy}. */
  String name();

  /** The files for {@code plan}, with paths relative to the build directory. */
  List<GeneratedFile> render(Plan plan);

  /** One output file: a relative path with '/' separators, and its text. */
  record GeneratedFile(String path, String text) {}
}
