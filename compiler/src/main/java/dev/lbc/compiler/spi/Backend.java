package dev.lbc.compiler.spi;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import java.util.List;

/**
 * A build target, found through {@link java.util.ServiceLoader} and listed by {@link Backends}:
 * renders files from the plan alone, as a pure function. Nothing is written until every backend has
 * rendered.
 *
 * <p>A build has two kinds of files, and a backend renders either or both. Deployment files
 * describe the whole deployment once (RUNBOOK.md, dns/, exchange/, servers/, topology.svg,
 * plan.json); appliance files are what one appliance runs (haproxy.cfg, keepalived.conf, the
 * firewall rules), rendered for the appliance it is given, so that no backend picks an appliance by
 * its position in the plan. An appliance file's path is relative to that appliance's folder: where
 * the folder is, {@code appliances/HOSTNAME/} in a build or a run folder for {@code lbc run}, is
 * the caller's business.
 */
public interface Backend {
  /** The target's name, e.g. {@code haproxy}; unique among the registered backends. */
  String name();

  /** The deployment's files, with paths relative to the build folder; none by default. */
  default List<GeneratedFile> renderDeployment(Plan plan) {
    return List.of();
  }

  /**
   * The files of {@code appliance}, one of {@code plan}'s appliances, with paths relative to its
   * folder; none by default.
   */
  default List<GeneratedFile> render(Plan plan, AppliancePlan appliance) {
    return List.of();
  }

  /** One output file: a relative path with '/' separators, and its text. */
  record GeneratedFile(String path, String text) {}
}
