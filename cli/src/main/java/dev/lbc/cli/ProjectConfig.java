package dev.lbc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.RuleConfig;
import dev.lbc.compiler.source.SourceText;
import dev.lbc.compiler.spi.Rules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The optional project file {@code .lbc.yaml}, found in the input file's folder or the nearest one
 * above it, so a team can tighten or relax rules for every deployment of a repository:
 *
 * <pre>
 * severity:
 *   LBC202: error
 * disable: [LBC206]
 * </pre>
 *
 * {@code --config FILE} names the file instead, for every input. Command-line options apply on top
 * of it. Mistakes in it, or a {@code --config} file that cannot be read, are usage errors (exit 2).
 */
final class ProjectConfig {
  static final String FILE_NAME = ".lbc.yaml";

  /** Made on first use: its class initialisation was a tenth of a cold lint, without a file. */
  private static final class Yaml {
    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
  }

  /** Checks rule IDs and names, here and in --severity and --disable alike. */
  final RuleIds ids;

  private final Map<Path, RuleConfig> byFolder = new HashMap<>();
  private final RuleConfig fixed;

  /** Discovers {@code .lbc.yaml} per input, or reads {@code config} (may be null) for all. */
  ProjectConfig(Rules rules, Path config) {
    this.ids = new RuleIds(rules);
    this.fixed = config == null ? null : load(requireConfig(config));
  }

  private static Path requireConfig(Path config) {
    String problem = SourceText.problem(config);
    if (problem != null) {
      throw new Main.UsageError("--config " + Inputs.display(config) + ": " + problem);
    }
    return config;
  }

  /** The configuration for {@code input}: --config's, the nearest project file's, or none. */
  RuleConfig forInput(Path input) {
    if (fixed != null) {
      return fixed;
    }
    Path folder = input.toAbsolutePath().normalize().getParent();
    return folder == null ? RuleConfig.DEFAULT : forFolder(folder);
  }

  private RuleConfig forFolder(Path folder) {
    RuleConfig cached = byFolder.get(folder);
    if (cached != null) {
      return cached;
    }
    Path file = folder.resolve(FILE_NAME);
    RuleConfig config;
    if (SourceText.exists(file)) {
      // a project file that is there but not readable is an error, not a silent default
      try {
        config = load(Inputs.requireFile(file));
      } catch (Main.UsageError e) {
        // so that CI formats put the problem on the project file
        throw FileUsageError.fileOf(e) != null
            ? e
            : FileUsageError.about(file.toString(), e.getMessage());
      }
    } else {
      config = folder.getParent() == null ? RuleConfig.DEFAULT : forFolder(folder.getParent());
    }
    byFolder.put(folder, config);
    return config;
  }

  private static final int MAX_BYTES = 64 * 1024; // a few rule settings; more is a mistake

  private RuleConfig load(Path file) {
    JsonNode root;
    byte[] bytes = Inputs.read(file, MAX_BYTES);
    if (bytes.length > MAX_BYTES) {
      throw new Main.UsageError(file + ": larger than 64 KiB");
    }
    try {
      // decoded strictly, as deployments are: a Latin-1 file is said to be one in words
      root = Yaml.MAPPER.readTree(SourceText.decode(file.toString(), bytes).file().text());
    } catch (SourceText.NotText e) {
      throw new Main.UsageError(file + ": " + e.getMessage());
    } catch (IOException e) {
      throw new Main.UsageError(
          file
              + ": not readable YAML: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return RuleConfig.DEFAULT;
    }
    if (!root.isObject()) {
      throw new Main.UsageError(file + ": expected `severity:` and/or `disable:`");
    }
    Map<String, Severity> severities = new HashMap<>();
    Set<String> disabled = new HashSet<>();
    for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      JsonNode value = root.get(key);
      switch (key) {
        case "severity" -> {
          if (!value.isObject()) {
            throw new Main.UsageError(
                file + ": `severity:` maps rule IDs or names to error, warning or info");
          }
          value
              .fields()
              .forEachRemaining(
                  e ->
                      severities.put(
                          ids.check(file, e.getKey()),
                          RuleIds.severity(file, e.getKey(), e.getValue().asText())));
        }
        case "disable" -> {
          if (!value.isArray()) {
            throw new Main.UsageError(file + ": `disable:` is a list of rule IDs");
          }
          value.forEach(id -> disabled.add(ids.check(file, id.asText())));
        }
        default ->
            throw new Main.UsageError(
                file + ": unknown key `" + key + "` (expected severity or disable)");
      }
    }
    return new RuleConfig(severities, disabled);
  }
}
