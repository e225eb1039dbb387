package dev.lbc.benchmarks;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.model.Adapters;
import dev.lbc.compiler.model.Appliance;
import dev.lbc.compiler.model.Appliances;
import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.ExchangeVersion;
import dev.lbc.compiler.model.HealthCheck;
import dev.lbc.compiler.model.Lockdown;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.Namespace;
import dev.lbc.compiler.model.Purpose;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Server;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.model.Src;
import dev.lbc.compiler.model.Timeouts;
import dev.lbc.compiler.model.Tuning;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.pipeline.Compiler;
import dev.lbc.compiler.pipeline.RuleConfig;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.print.DslPrinter;
import dev.lbc.compiler.print.YamlPrinter;
import dev.lbc.compiler.render.Report;
import dev.lbc.compiler.render.TextRenderer;
import dev.lbc.compiler.spi.Rules;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.IpNetwork;
import dev.lbc.compiler.value.SourceRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lint at scale. {@code rules}: every lint rule over an in-memory model of N services and N/5
 * servers (10,000 and 2,000 at the top, beyond what the 1 MiB file limit lets one file hold).
 * {@code pipeline*}: read, schema, model, resolve and rules on the largest files the limits allow.
 * Comparing N with 10N shows how each scales: linear work takes ten times as long. {@code
 * manyFindingsAsText}: the report of a file with a finding on every line.
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class LintBenchmark {
  private static final Src SRC = new Src(null, Map.of());

  @Param({"1000", "10000"})
  public int services;

  private final Rules rules = Rules.load();
  private Deployment model;
  private byte[] yaml;
  private byte[] dsl;
  private byte[] manyFindings;
  private Compiler compiler;

  @Setup(Level.Trial)
  public void setUp() {
    model = generate(services, services / 5);
    // The file forms hold at most what 1 MiB allows: a fifth of the services.
    Deployment fileSized = generate(services / 5, services / 25);
    yaml = YamlPrinter.print(fileSized, null).getBytes(StandardCharsets.UTF_8);
    dsl = DslPrinter.print(fileSized).getBytes(StandardCharsets.UTF_8);
    StringBuilder dup = new StringBuilder("lbc: 1\n");
    while (dup.length() < 1024 * 1024 - 16) {
      dup.append("lbc: 1\n");
    }
    manyFindings = dup.toString().getBytes(StandardCharsets.UTF_8);
    compiler = new Compiler(rules, false);
    CompileResult check = compiler.compile("bench.yaml", yaml, Syntax.YAML);
    if (check.model() == null) {
      throw new IllegalStateException(
          "generated file does not compile: "
              + check.diagnostics().subList(0, Math.min(3, check.diagnostics().size())));
    }
  }

  @Benchmark
  public List<Diagnostic> rules() {
    return Compiler.lint(model, rules, RuleConfig.DEFAULT);
  }

  @Benchmark
  public CompileResult pipelineYaml() {
    return compiler.compile("bench.yaml", yaml, Syntax.YAML);
  }

  @Benchmark
  public CompileResult pipelineDsl() {
    return compiler.compile("bench.lbc", dsl, Syntax.DSL);
  }

  /**
   * A 1 MiB file with a duplicate key on every line (150,000 findings), read and rendered as text
   * the way {@code lbc lint} prints it. Independent of {@code services}; linear work keeps it in
   * the range of {@code pipelineYaml}.
   */
  @Benchmark
  public String manyFindingsAsText() {
    CompileResult r = compiler.compile("findings.yaml", manyFindings, Syntax.YAML);
    return new TextRenderer(false).render(new Report(List.of(r), List.of(), "bench"));
  }

  /** N services over S servers in 10.0.0.0/8, mixing every mode, with namespaces. */
  static Deployment generate(int serviceCount, int serverCount) {
    List<Server> servers = new ArrayList<>();
    for (int i = 0; i < serverCount; i++) {
      servers.add(
          new Server(
              "MB" + i,
              v4(0x0a010000L + i),
              null,
              null,
              new Adapters(null, null, SRC),
              null,
              List.of(),
              SRC));
    }
    List<Service> services = new ArrayList<>();
    Mode[] modes = {Mode.SNAT, Mode.DR, Mode.SNAT, Mode.SNAT};
    for (int i = 0; i < serviceCount; i++) {
      Mode mode = modes[i % modes.length];
      int port =
          switch (i % 4) {
            case 0 -> 443;
            case 1 -> 143;
            case 2 -> 25;
            default -> 110;
          };
      List<RealServer> reals = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        reals.add(
            new RealServer(
                "MB" + ((i * 2 + r) % serverCount),
                mode == Mode.DR ? null : port,
                100,
                null,
                null,
                SRC));
      }
      HealthCheck check =
          port == 443
              ? new HealthCheck(
                  CheckType.HTTPS_GET, "/owa/healthcheck.htm", null, 200, null, null, null, SRC)
              : null;
      Lockdown lockdown =
          port == 25 ? new Lockdown(List.of(SourceRange.parse("10.200.0.0/16").get()), SRC) : null;
      services.add(
          new Service(
              "S" + i,
              v4(0x0a800000L + i / 4),
              List.of(port),
              mode,
              null,
              null,
              null,
              null,
              check,
              new Timeouts(null, null, SRC),
              null,
              null,
              null,
              lockdown,
              reals,
              List.of(),
              Map.of(),
              SRC));
    }
    List<Namespace> namespaces =
        List.of(
            new Namespace("mail.example.com", "S0", List.of(Purpose.OWA), SRC),
            new Namespace("autodiscover.example.com", "S0", List.of(Purpose.AUTODISCOVER), SRC));
    Appliances appliances =
        new Appliances(
            new Appliance("lb1", new IpNetwork(v4(0x0a000005L), 8), "eth0", SRC),
            new Appliance("lb2", new IpNetwork(v4(0x0a000006L), 8), "eth0", SRC),
            List.of(),
            List.of(),
            null,
            "${env:LB_ADMIN_PASSWORD}",
            null,
            SRC);
    return new Deployment(
        1,
        "bench",
        new ExchangeVersion(ExchangeVersion.Release.EXCHANGE_2016, null),
        null,
        null,
        null,
        appliances,
        servers,
        List.of(),
        namespaces,
        services,
        new Tuning(null, SRC),
        SRC);
  }

  private static IpAddress v4(long n) {
    return new IpAddress(4, 0, n);
  }
}
