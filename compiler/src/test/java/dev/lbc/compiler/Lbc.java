package dev.lbc.compiler;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.compiler.spi.Rules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

/** Test helper: compile text in either syntax with no lint rules. */
final class Lbc {
  private Lbc() {}

  static final Compiler COMPILER = new Compiler(Rules.of(List.of()), false);

  static CompileResult yaml(String text) {
    return COMPILER.compile("test.yaml", text.getBytes(StandardCharsets.UTF_8), Syntax.YAML);
  }

  static CompileResult dsl(String text) {
    return COMPILER.compile("test.lbc", text.getBytes(StandardCharsets.UTF_8), Syntax.DSL);
  }

  /** A lint rule described by {@code d} whose check is {@code check}. */
  static LintRule rule(RuleDescriptor d, BiConsumer<Deployment, RuleContext> check) {
    return new LintRule() {
      @Override
      public RuleDescriptor descriptor() {
        return d;
      }

      @Override
      public void check(Deployment deployment, RuleContext context) {
        check.accept(deployment, context);
      }
    };
  }

  static List<String> codes(CompileResult r) {
    return r.diagnostics().stream().map(Diagnostic::code).toList();
  }

  static final String VALID_YAML =
      """
      lbc: 1
      name: demo
      exchange: 2016
      appliances:
        primary: { hostname: lb1, address: 192.168.30.5/24 }
      servers:
        - { name: MBOX1, address: 192.168.30.20 }
      services:
        - { name: S, vip: 192.168.30.10, ports: [443], mode: snat, real-servers: [{ server: MBOX1 }] }
      """;
}
