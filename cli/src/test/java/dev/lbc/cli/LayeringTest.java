package dev.lbc.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.lbc.runtime.engine.BindMap;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the pipeline, checked on the compiled classes of every module (the CLI's test
 * classpath holds them all): front ends feed a model; rules and backends see only the model, the
 * plan and the SPIs; the runtime sees only the plan and the pipeline API. A violation names the
 * class and the dependency.
 */
class LayeringTest {
  /** What only the front ends may touch: parsers, the data tree, the schema and their libraries. */
  static final String[] FRONT_END = {
    "dev.lbc.compiler.yaml..",
    "dev.lbc.compiler.dsl..",
    "dev.lbc.compiler.tree..",
    "dev.lbc.compiler.schema..",
    "dev.lbc.grammar..",
    "com.fasterxml.jackson..",
    "org.antlr..",
    "org.everit..",
    "org.json..",
    "org.yaml.."
  };

  private static JavaClasses lbc;

  @BeforeAll
  static void importClasses() {
    lbc =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lbc");
    // every module's classes, whether the build put them in folders (test) or jars (verify)
    for (String module : List.of("compiler", "validators", "backends", "runtime", "cli")) {
      assertTrue(
          lbc.stream().anyMatch(c -> c.getPackageName().startsWith("dev.lbc." + module)),
          "no classes of " + module + " were found to check");
    }
  }

  @Test
  void rulesAndBackendsNeverSeeTheFrontEnds() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.lbc.validators..", "dev.lbc.backends..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FRONT_END)
        .because("rules read the model and backends render the plan, whatever the syntax")
        .check(lbc);
  }

  @Test
  void backendsRenderOnlyFromThePlan() {
    noClasses()
        .that()
        .resideInAPackage("dev.lbc.backends..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.lbc.validators..",
            "dev.lbc.runtime..",
            "dev.lbc.cli..",
            "dev.lbc.compiler.catalog..",
            "dev.lbc.compiler.suppress..",
            "dev.lbc.compiler.build..")
        .because(
            "a backend is a pure function of the plan (docs/contract.md: backends render only from it)")
        .check(lbc);
  }

  @Test
  void theRuntimeSeesOnlyThePlanAndThePipeline() {
    noClasses()
        .that()
        .resideInAPackage("dev.lbc.runtime..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.lbc.compiler..")
                .and(
                    not(
                        resideInAnyPackage(
                            "dev.lbc.compiler.plan..",
                            "dev.lbc.compiler.pipeline..",
                            "dev.lbc.compiler.value..",
                            "dev.lbc.compiler.model..",
                            "dev.lbc.compiler.spi..",
                            "dev.lbc.compiler.diag..",
                            "dev.lbc.compiler.source..",
                            // SecretFiles: the run folder's certificate copies follow the build's
                            // rule for private keys, so there is one rule, not two
                            "dev.lbc.compiler.output..",
                            // CertificateReader: both engines load PEM and PFX as lint read them
                            // (ADR 0015), so there is one reader, not three
                            "dev.lbc.compiler.cert.."))))
        .because("lbc run serves a plan; compiling it goes through the pipeline API")
        .check(lbc);
  }

  @Test
  void onlyTheRuntimesEdgeRendersThroughTheBackends() {
    noClasses()
        .that()
        .resideInAPackage("dev.lbc.runtime..")
        .and()
        .resideOutsideOfPackages("dev.lbc.runtime.serve..", "dev.lbc.runtime.firewall..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.lbc.backends..")
        .because(
            "the engine, the pools, the status page and the HAProxy supervisor take rendered"
                + " text or the plan; serve and firewall wire the backends in")
        .check(lbc);
  }

  @Test
  void theCommandLineBuildsAndServesOnlyThroughTheirLibraries() {
    noClasses()
        .that()
        .resideInAPackage("dev.lbc.cli..")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage("dev.lbc.backends..", "dev.lbc.runtime..")
                .and(
                    not(
                        resideInAnyPackage(
                            "dev.lbc.backends.build..",
                            "dev.lbc.backends.diff..",
                            "dev.lbc.runtime.serve..")))
                .and(not(belongToAnyOf(BindMap.class))))
        .because(
            "the command line parses and wires: lbc build is backends.build.Build, lbc diff is"
                + " backends.diff.DeploymentDiff, lbc run is runtime.serve.Serve (issue 9)")
        .check(lbc);
  }

  @Test
  void nothingBelowTheCommandLineDependsOnIt() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.lbc.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.lbc.cli..")
        .check(lbc);
  }

  @Test
  void theModulesFormNoCycle() {
    slices().matching("dev.lbc.(*)..").should().beFreeOfCycles().check(lbc);
  }

  @Test
  void theCompilersPackagesFormNoCycle() {
    slices().matching("dev.lbc.compiler.(*)..").should().beFreeOfCycles().check(lbc);
  }
}
