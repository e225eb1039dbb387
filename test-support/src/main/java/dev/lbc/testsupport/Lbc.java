package dev.lbc.testsupport;

import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Planner;
import dev.lbc.compiler.spi.Rules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** A deployment written in a test, in YAML, compiled and planned as {@code lbc build} does. */
public final class Lbc {
  private Lbc() {}

  /** The name the source is given in diagnostics and in the plan. */
  public static final String SOURCE = "t.yaml";

  /**
   * The lint time of every test compile, as {@code --now 2026-12-01T00:00:00Z}: findings that
   * depend on time (certificate validity, end of support) stay the same from day to day.
   */
  public static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  private static final Compiler NO_RULES = new Compiler(Rules.of(List.of()), false).at(NOW);

  /** Compiles {@code yaml} through the front end, schema and model, with no lint rules. */
  public static CompileResult compile(String yaml) {
    return compile(NO_RULES, yaml);
  }

  /** Compiles {@code yaml} with every lint rule on the classpath (ServiceLoader), as lbc lint. */
  public static CompileResult lint(String yaml) {
    return compile(new Compiler(Rules.load(), false).at(NOW), yaml);
  }

  /** The plan of {@code yaml}, which must compile (lint rules do not run). */
  public static Plan plan(String yaml) {
    return plan(compile(yaml));
  }

  /** The plan of a compile result, which must have a model. */
  public static Plan plan(CompileResult r) {
    if (r.model() == null) {
      throw new AssertionError("the deployment does not compile: " + r.diagnostics());
    }
    return Planner.plan(r.model(), SOURCE);
  }

  private static CompileResult compile(Compiler compiler, String yaml) {
    return compiler.compile(SOURCE, yaml.getBytes(StandardCharsets.UTF_8), Syntax.YAML);
  }
}
