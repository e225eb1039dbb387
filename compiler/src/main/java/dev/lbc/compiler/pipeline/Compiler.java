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
import java.util.function.IntFunction;

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
  private final int threads;

  /**
   * A compiler that lints at the time each file is compiled, reading certificate passwords from the
   * process's environment.
   */
  public Compiler(Rules rules, boolean reportUnusedDisables) {
    this(
        rules,
        reportUnusedDisables,
        RuleConfig.DEFAULT,
        null,
        Environment.system(),
        Parallel.cores());
  }

  private Compiler(
      Rules rules,
      boolean reportUnusedDisables,
      RuleConfig config,
      Instant now,
      Environment environment,
      int threads) {
    this.rules = rules;
    this.reportUnusedDisables = reportUnusedDisables;
    this.config = config;
    this.now = now;
    this.environment = environment;
    this.threads = threads;
  }

  /** The same compiler with another rule configuration. */
  public Compiler with(RuleConfig other) {
    return new Compiler(rules, reportUnusedDisables, other, now, environment, threads);
  }

  /** The same compiler reading {@code ${env:NAME}} passwords from {@code env}. */
  public Compiler withEnvironment(Environment env) {
    return new Compiler(rules, reportUnusedDisables, config, now, env, threads);
  }

  /**
   * The same compiler with its clock fixed at {@code instant} ({@code --now}, {@code
   * SOURCE_DATE_EPOCH}): every rule that depends on time sees this instant, so output is
   * reproducible.
   */
  public Compiler at(Instant instant) {
    return new Compiler(rules, reportUnusedDisables, config, instant, environment, threads);
  }

  /**
   * The same compiler staging the files of a run on at most {@code count} threads, the calling one
   * among them (by default, one per core the JVM is given). The results do not depend on it.
   */
  public Compiler withThreads(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("threads: " + count);
    }
    return new Compiler(rules, reportUnusedDisables, config, now, environment, count);
  }

  /** The lint time: the fixed clock, or the current time. */
  public Instant now() {
    return now != null ? now : Instant.now();
  }

  /** One file of a run: where it is, how diagnostics name it, and the rule settings for it. */
  public record Input(
      Path path, String displayPath, RuleConfig config, byte[] bytes, Syntax syntax) {
    /** A file, read when the run compiles it. */
    public Input(Path path, String displayPath, RuleConfig config) {
      this(path, displayPath, config, null, null);
    }

    /**
     * Bytes already read (standard input), of {@code syntax}; {@code folder} (may be null) is what
     * paths in the deployment are relative to.
     */
    public static Input of(
        String displayPath, byte[] bytes, Syntax syntax, Path folder, RuleConfig config) {
      return new Input(folder, displayPath, config, bytes.clone(), syntax);
    }
  }

  /**
   * Compiles the files of one run ({@code lbc lint a.yaml b.lbc}): each as {@link #compile(Path,
   * String)} would, with its own rule settings, then the rules about what the deployments share
   * (LBC117: two pairs with one VRRP ID) over every deployment that reached the rules. A finding of
   * the run goes to the file its span is in, through that file's suppressions and settings, as a
   * finding of the file's own would. The results are in the order of {@code inputs}. The files are
   * compiled on several threads ({@link #withThreads}): nothing of one reaches another before the
   * run's rules, which see them all at once.
   */
  public List<CompileResult> compileRun(List<Input> inputs) {
    List<Staged> staged = Parallel.map(inputs.size(), threads, new StageEach(inputs));
    List<Deployment> linted = new ArrayList<>();
    for (Staged s : staged) {
      if (s.linted()) {
        linted.add(s.model());
      }
    }
    List<Diagnostic> shared = linted.size() < 2 ? List.of() : lintRun(linted);
    List<CompileResult> out = new ArrayList<>();
    for (Staged s : staged) {
      List<Diagnostic> mine = new ArrayList<>();
      for (Diagnostic d : shared) {
        if (s.file() != null && s.file().equals(d.span().file())) {
          mine.add(d);
        }
      }
      out.add(s.finish(mine));
    }
    return out;
  }

  /**
   * Stages the n-th input: a class, not a lambda, since linking a call site costs a cold lint's
   * main thread more than loading a class from the archive (docs/performance.md, "Cold lint").
   */
  private final class StageEach implements IntFunction<Staged> {
    private final List<Input> inputs;

    StageEach(List<Input> inputs) {
      this.inputs = inputs;
    }

    @Override
    public Staged apply(int n) {
      return stage(inputs.get(n));
    }
  }

  private Staged stage(Input i) {
    Compiler c = with(i.config());
    return i.bytes() == null
        ? c.stage(i.path(), i.displayPath())
        : c.stage(i.displayPath(), i.bytes(), i.syntax(), i.path());
  }

  /** The run rules over {@code models}, each enabled rule once (a file's settings apply later). */
  private List<Diagnostic> lintRun(List<Deployment> models) {
    List<Diagnostic> found = new ArrayList<>();
    RuleContext.Shared none = new RuleContext.Shared(null, Facts.none(now()));
    for (LintRule rule : rules.lintRules()) {
      RuleContext context = new RuleContext(rule.descriptor(), none);
      rule.checkRun(models, context);
      found.addAll(context.found());
    }
    return found;
  }

  /** Reads and compiles {@code path}, shown in diagnostics as {@code displayPath}. */
  public CompileResult compile(Path path, String displayPath) {
    return stage(path, displayPath).finish(List.of());
  }

  private Staged stage(Path path, String displayPath) {
    SourceFile empty = new SourceFile(displayPath, "");
    Syntax syntax = Syntax.of(path.getFileName().toString());
    if (syntax == null) {
      return Staged.done(
          failed(
              empty, LanguageRules.SYNTAX.id(), "not a deployment file: use .yaml, .yml or .lbc"));
    }
    byte[] bytes;
    try {
      bytes = SourceText.read(path, Limits.MAX_FILE_BYTES);
    } catch (SourceText.Unreadable e) {
      throw new UnreadableInput(displayPath + ": " + e.getMessage(), e);
    }
    if (bytes.length > Limits.MAX_FILE_BYTES) {
      return Staged.done(
          failed(empty, LanguageRules.LIMITS.id(), tooLarge(path.toFile().length())));
    }
    return stage(displayPath, bytes, syntax, path.toAbsolutePath().getParent());
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
    return stage(displayPath, bytes, syntax, folder).finish(List.of());
  }

  private Staged stage(String displayPath, byte[] bytes, Syntax syntax, Path folder) {
    SourceFile empty = new SourceFile(displayPath, "");
    if (bytes.length > Limits.MAX_FILE_BYTES) {
      return Staged.done(failed(empty, LanguageRules.LIMITS.id(), tooLarge(bytes.length)));
    }
    SourceText source;
    try {
      source = SourceText.decode(displayPath, bytes);
    } catch (SourceText.NotText e) {
      return Staged.done(failed(empty, LanguageRules.SYNTAX.id(), e.getMessage()));
    }
    return stage(source.file(), syntax, folder);
  }

  /** Compiles an already decoded source. */
  public CompileResult compile(SourceFile file, Syntax syntax) {
    return compile(file, syntax, null);
  }

  /** Compiles an already decoded source from {@code folder} (null if it is no file). */
  public CompileResult compile(SourceFile file, Syntax syntax, Path folder) {
    return stage(file, syntax, folder).finish(List.of());
  }

  /**
   * A file compiled up to its suppressions, which wait for the findings of the run ({@code early}
   * when the file stopped before: unreadable as a deployment). {@code linted} when its model
   * reached the rules.
   */
  private record Staged(
      CompileResult early,
      SourceFile file,
      Deployment model,
      boolean linted,
      Facts facts,
      List<Diagnostic> found,
      Suppressions suppressions,
      Compiler compiler) {
    static Staged done(CompileResult r) {
      return new Staged(r, r.file(), null, false, null, List.of(), null, null);
    }

    /** The file's result, with {@code more} findings of the run in it. */
    CompileResult finish(List<Diagnostic> more) {
      if (early != null) {
        return early;
      }
      List<Diagnostic> all = new ArrayList<>(found);
      all.addAll(more);
      return compiler.suppressAndConfigure(file, model, facts, all, suppressions);
    }
  }

  private Staged stage(SourceFile file, Syntax syntax, Path folder) {
    Diagnostics diagnostics = new Diagnostics();
    Deployment model = null;
    boolean linted = false;
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
        linted = true;
      }
    }
    Suppressions suppressions = Suppressions.scan(file, tree, rules.byId(), syntax == Syntax.DSL);
    return new Staged(null, file, model, linted, facts, diagnostics.sorted(), suppressions, this);
  }

  private CompileResult suppressAndConfigure(
      SourceFile file,
      Deployment model,
      Facts facts,
      List<Diagnostic> diagnostics,
      Suppressions suppressions) {
    List<Diagnostic> found = new ArrayList<>(suppressions.problems());
    found.addAll(suppressions.unsuppressed(Diagnostics.sortedUnique(diagnostics)));
    found.addAll(suppressions.unused(reportUnusedDisables));
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
