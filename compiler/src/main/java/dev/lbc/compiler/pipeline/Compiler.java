package dev.lbc.compiler.pipeline;

import dev.lbc.compiler.build.CertificateFiles;
import dev.lbc.compiler.build.ModelBuilder;
import dev.lbc.compiler.build.Resolver;
import dev.lbc.compiler.catalog.LanguageRules;
import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.cert.Environment;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Diagnostics;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.dsl.DslReader;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.schema.SchemaValidator;
import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.source.SourceText;
import dev.lbc.compiler.spi.Facts;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.compiler.spi.Rules;
import dev.lbc.compiler.suppress.Suppressions;
import dev.lbc.compiler.tree.DataNode;
import dev.lbc.compiler.yaml.YamlReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline for one file: read (YAML or DSL) → schema → model → resolve → locate and read the
 * certificate files → rules, then suppressions. Each stage reports every problem it finds; a stage
 * runs only if the ones before it succeeded, so no finding is built on a broken tree.
 */
public final class Compiler {
  private final Rules rules;
  private final boolean reportUnusedDisables;
  private final RuleConfig config;
  private final Instant now;
  private final Environment environment;

  /**
   * A compiler that lints at the time each file is compiled, reading certificate passwords from the
   * process's environment.
   */
  public Compiler(Rules rules, boolean reportUnusedDisables) {
    this(rules, reportUnusedDisables, RuleConfig.DEFAULT, null, Environment.system());
  }

  private Compiler(
      Rules rules,
      boolean reportUnusedDisables,
      RuleConfig config,
      Instant now,
      Environment environment) {
    this.rules = rules;
    this.reportUnusedDisables = reportUnusedDisables;
    this.config = config;
    this.now = now;
    this.environment = environment;
  }

  /** The same compiler with another rule configuration. */
  public Compiler with(RuleConfig other) {
    return new Compiler(rules, reportUnusedDisables, other, now, environment);
  }

  /** The same compiler reading {@code ${env:NAME}} passwords from {@code env}. */
  public Compiler withEnvironment(Environment env) {
    return new Compiler(rules, reportUnusedDisables, config, now, env);
  }

  /**
   * The same compiler with its clock fixed at {@code instant} ({@code --now}, {@code
   * SOURCE_DATE_EPOCH}): every rule that depends on time sees this instant, so output is
   * reproducible.
   */
  public Compiler at(Instant instant) {
    return new Compiler(rules, reportUnusedDisables, config, instant, environment);
  }

  /** The lint time: the fixed clock, or the current time. */
  public Instant now() {
    return now != null ? now : Instant.now();
  }

  /** Reads and compiles {@code path}, shown in diagnostics as {@code displayPath}. */
  public CompileResult compile(Path path, String displayPath) {
    SourceFile empty = new SourceFile(displayPath, "");
    Syntax syntax = Syntax.of(path.getFileName().toString());
    if (syntax == null) {
      return failed(
          empty, LanguageRules.SYNTAX.id(), "not a deployment file: use .yaml, .yml or .lbc");
    }
    byte[] bytes;
    try {
      bytes = SourceText.read(path, Limits.MAX_FILE_BYTES);
    } catch (SourceText.Unreadable e) {
      throw new UnreadableInput(displayPath + ": " + e.getMessage(), e);
    }
    if (bytes.length > Limits.MAX_FILE_BYTES) {
      return failed(empty, LanguageRules.LIMITS.id(), tooLarge(path.toFile().length()));
    }
    return compile(displayPath, bytes, syntax, path.toAbsolutePath().getParent());
  }

  /** Compiles the given bytes as a file named {@code displayPath} of the given syntax. */
  public CompileResult compile(String displayPath, byte[] bytes, Syntax syntax) {
    return compile(displayPath, bytes, syntax, null);
  }

  /**
   * The same, for a file in {@code folder} (null if the input is no file): paths in the deployment
   * are relative to it.
   */
  public CompileResult compile(String displayPath, byte[] bytes, Syntax syntax, Path folder) {
    SourceFile empty = new SourceFile(displayPath, "");
    if (bytes.length > Limits.MAX_FILE_BYTES) {
      return failed(empty, LanguageRules.LIMITS.id(), tooLarge(bytes.length));
    }
    SourceText source;
    try {
      source = SourceText.decode(displayPath, bytes);
    } catch (SourceText.NotText e) {
      return failed(empty, LanguageRules.SYNTAX.id(), e.getMessage());
    }
    return compile(source.file(), syntax, folder);
  }

  /** Compiles an already decoded source. */
  public CompileResult compile(SourceFile file, Syntax syntax) {
    return compile(file, syntax, null);
  }

  /** Compiles an already decoded source from {@code folder} (null if it is no file). */
  public CompileResult compile(SourceFile file, Syntax syntax, Path folder) {
    Diagnostics diagnostics = new Diagnostics();
    Deployment model = null;
    Facts facts = null;
    DataNode tree =
        syntax == Syntax.DSL
            ? DslReader.read(file, diagnostics)
            : YamlReader.read(file, diagnostics);
    if (tree != null && !diagnostics.hasErrors() && SchemaValidator.validate(tree, diagnostics)) {
      model = ModelBuilder.build(tree);
      Resolver.resolve(model, diagnostics);
      if (!diagnostics.hasErrors()) {
        facts = new Facts(CertificateFiles.read(model, folder, environment), now());
        diagnostics.addAll(lint(model, rules, config, facts));
      }
    }
    Suppressions suppressions = Suppressions.scan(file, tree, rules.byId());
    List<Diagnostic> found = new ArrayList<>(suppressions.problems());
    found.addAll(suppressions.unsuppressed(diagnostics.sorted()));
    if (reportUnusedDisables) {
      found.addAll(suppressions.unused());
    }
    List<Diagnostic> kept = new ArrayList<>();
    for (Diagnostic d : found) {
      Diagnostic configured = configurable(d.code()) ? config.apply(d) : d;
      if (configured != null) {
        kept.add(configured);
      }
    }
    return new CompileResult(file, model, Diagnostics.sortedUnique(kept), facts);
  }

  private boolean configurable(String code) {
    RuleDescriptor d = rules.descriptor(code);
    return d == null || d.configurable();
  }

  /**
   * The rules stage alone: every enabled rule over a resolved model, findings unsorted; facts from
   * the model's text only, at the current time.
   */
  public static List<Diagnostic> lint(Deployment model, Rules rules, RuleConfig config) {
    return lint(
        model, rules, config, new Facts(CertificateFiles.locate(model, null), Instant.now()));
  }

  /** The rules stage with these facts. */
  public static List<Diagnostic> lint(
      Deployment model, Rules rules, RuleConfig config, Facts facts) {
    List<Diagnostic> found = new ArrayList<>();
    RuleContext.Shared shared = new RuleContext.Shared(model, facts);
    for (LintRule rule : rules.lintRules()) {
      if (rule.descriptor().configurable() && config.isDisabled(rule.descriptor().id())) {
        continue;
      }
      RuleContext context = new RuleContext(rule.descriptor(), shared);
      rule.check(model, context);
      found.addAll(context.found());
    }
    return found;
  }

  private static String tooLarge(long bytes) {
    return "the file is larger than 1 MiB (" + bytes + " bytes)";
  }

  private static CompileResult failed(SourceFile file, String code, String message) {
    return new CompileResult(
        file, null, List.of(Diagnostic.of(code, Severity.ERROR, file.start(), message)));
  }

  /** The file could not be read at all (exit code 2, not a diagnostic). */
  public static final class UnreadableInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnreadableInput(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
