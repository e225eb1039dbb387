package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lbc.testsupport.Repo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files lbc ships for CI, run as CI would run them: the shell of every {@code run:} step of
 * action.yml, the entries of .pre-commit-hooks.yaml and every {@code lbc} command in the code
 * blocks of docs/ci.md, against a checkout with clean deployments and one with findings. An {@code
 * lbc} shim runs this build's classes in place of the action's {@code ./lbc}, whose first run
 * builds and installs the jar.
 */
class CiShippingTest {
  private static final Path ROOT = Repo.root();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String BROKEN = "golden/diagnostics/yaml-duplicate-names/input.yaml";

  /** A checkout: deployments/ (the examples) and a workflow that is not a deployment. */
  private static Path checkout(Path dir, boolean withFindings) throws IOException {
    Path ws = dir.resolve("repo");
    copyTree(ROOT.resolve("examples"), ws.resolve("deployments"));
    Files.createDirectories(ws.resolve(".github/workflows"));
    Files.writeString(ws.resolve(".github/workflows/ci.yml"), "on: push\njobs: {}\n");
    if (withFindings) {
      Files.copy(ROOT.resolve(BROKEN), ws.resolve("deployments/broken.yaml"));
    }
    return ws;
  }

  // --- action.yml ---------------------------------------------------------------------------

  @Test
  void actionPassesACleanCheckout(@TempDir Path dir) throws Exception {
    Path ws = checkout(dir, false);
    Map<String, LbcProcess.Result> steps = runAction(dir, ws, Map.of("paths", "deployments/"));
    steps.forEach((name, r) -> assertEquals(0, r.exit(), name + ": " + r.err()));
    // the examples keep the guides' own trade-offs, which are notices (LBC213), not failures
    assertEquals(List.of(), errors(steps.get("Lint").out()));
    assertTrue(steps.get("Lint").out().startsWith("::notice file=deployments/"));
    SarifSchema.validate(Files.readString(ws.resolve("lbc.sarif")));
  }

  @Test
  void actionAnnotatesAndUploadsFindings(@TempDir Path dir) throws Exception {
    Path ws = checkout(dir, true);
    Map<String, LbcProcess.Result> steps =
        runAction(dir, ws, Map.of("paths", "deployments/", "args", "--max-warnings 0"));
    assertEquals(0, steps.get("SARIF for code scanning").exit(), "the upload still runs");
    JSONObject sarif = SarifSchema.validate(Files.readString(ws.resolve("lbc.sarif")));
    var results = sarif.getJSONArray("runs").getJSONObject(0).getJSONArray("results");
    int errors = 0;
    for (int i = 0; i < results.length(); i++) {
      errors += results.getJSONObject(i).getString("level").equals("error") ? 1 : 0;
    }
    assertEquals(3, errors);
    LbcProcess.Result lint = steps.get("Lint");
    assertEquals(1, lint.exit(), "findings fail the job");
    List<String> lines = errors(lint.out());
    assertEquals(3, lines.size(), lint.out());
    for (String line : lines) {
      assertTrue(line.startsWith("::error file=deployments/broken.yaml,line="), line);
    }
  }

  @Test
  void actionReportsAMissingInput(@TempDir Path dir) throws Exception {
    Path ws = checkout(dir, false);
    Map<String, LbcProcess.Result> steps =
        runAction(dir, ws, Map.of("paths", "deployments/ missing.yaml"));
    assertEquals(0, steps.get("SARIF for code scanning").exit());
    JSONObject sarif = SarifSchema.validate(Files.readString(ws.resolve("lbc.sarif")));
    assertFalse(
        sarif
            .getJSONArray("runs")
            .getJSONObject(0)
            .getJSONArray("invocations")
            .getJSONObject(0)
            .getBoolean("executionSuccessful"));
    LbcProcess.Result lint = steps.get("Lint");
    assertEquals(2, lint.exit());
    assertTrue(lint.out().startsWith("::error file=missing.yaml,title=lbc::"), lint.out());
  }

  @Test
  void actionWithoutSarifOnlyLints(@TempDir Path dir) throws Exception {
    Path ws = checkout(dir, true);
    Map<String, LbcProcess.Result> steps =
        runAction(dir, ws, Map.of("paths", "deployments/", "sarif", "false"));
    assertFalse(steps.containsKey("SARIF for code scanning"));
    assertFalse(Files.exists(ws.resolve("lbc.sarif")));
    assertEquals(1, steps.get("Lint").exit());
  }

  /**
   * Runs the action's steps in order as a runner would: inputs (defaults, then {@code given}) reach
   * a step only through its {@code env:}, a step whose {@code if:} is false is skipped, and {@code
   * uses:} steps are checked rather than run. Returns each run step's result by name.
   */
  private static Map<String, LbcProcess.Result> runAction(
      Path dir, Path ws, Map<String, String> given) throws Exception {
    JsonNode action = YAML.readTree(ROOT.resolve("action.yml").toFile());
    assertEquals("composite", action.at("/runs/using").asText());
    Map<String, String> inputs = new HashMap<>();
    action
        .get("inputs")
        .fields()
        .forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().path("default").asText()));
    for (String name : given.keySet()) {
      assertTrue(inputs.containsKey(name), "action.yml has no input " + name);
    }
    inputs.putAll(given);
    Path actionPath = LbcProcess.shim(dir.resolve("action"));
    Path output = dir.resolve("github-output");
    Files.writeString(output, "");
    Map<String, LbcProcess.Result> results = new LinkedHashMap<>();
    for (JsonNode step : action.at("/runs/steps")) {
      String name = step.get("name").asText();
      if (step.has("if") && !condition(step.get("if").asText(), inputs)) {
        continue;
      }
      if (step.has("uses")) {
        String uses = step.get("uses").asText();
        if (uses.startsWith("github/codeql-action/upload-sarif@")) {
          String file = expand(step.at("/with/sarif_file").asText(), inputs);
          assertTrue(Files.isRegularFile(ws.resolve(file)), "the upload finds " + file);
        } else {
          assertTrue(uses.startsWith("actions/setup-java@"), "unexpected step " + uses);
        }
        continue;
      }
      assertFalse(step.get("run").asText().contains("${{"), name + ": inputs go through env");
      Map<String, String> env = new HashMap<>();
      step.path("env")
          .fields()
          .forEachRemaining(e -> env.put(e.getKey(), expand(e.getValue().asText(), inputs)));
      env.put("GITHUB_ACTION_PATH", actionPath.toString());
      env.put("GITHUB_WORKSPACE", ws.toString());
      env.put("GITHUB_OUTPUT", output.toString());
      results.put(name, LbcProcess.shell(ws, env, actionPath, step.get("run").asText()));
    }
    if (results.containsKey("SARIF for code scanning")) {
      assertTrue(
          Files.readString(output).contains("file=" + inputs.get("sarif-file")),
          "the sarif-file output is set");
    }
    return results;
  }

  private static final Pattern EXPRESSION =
      Pattern.compile("\\$\\{\\{\\s*inputs\\.([\\w-]+)\\s*}}");

  private static String expand(String value, Map<String, String> inputs) {
    Matcher m = EXPRESSION.matcher(value);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      assertTrue(inputs.containsKey(m.group(1)), "no input " + m.group(1));
      m.appendReplacement(b, Matcher.quoteReplacement(inputs.get(m.group(1))));
    }
    m.appendTail(b);
    assertFalse(b.toString().contains("${{"), "an expression this test cannot read: " + value);
    return b.toString();
  }

  /** The one kind of condition the action uses: {@code inputs.NAME == 'VALUE'}. */
  private static boolean condition(String expression, Map<String, String> inputs) {
    Matcher m = Pattern.compile("inputs\\.([\\w-]+) == '([^']*)'").matcher(expression.strip());
    assertTrue(m.matches(), "a condition this test cannot read: " + expression);
    return m.group(2).equals(inputs.get(m.group(1)));
  }

  // --- .pre-commit-hooks.yaml ---------------------------------------------------------------

  @Test
  void lintHookChecksStagedDeploymentsOnly(@TempDir Path dir) throws Exception {
    Path clean = checkout(dir.resolve("clean"), false);
    LbcProcess.Result ok = runHook(dir, clean, "lbc-lint");
    assertEquals(0, ok.exit(), ok.out() + ok.err());
    assertTrue(
        ok.out().contains("18 files checked: no problems"), "ci.yml is passed over: " + ok.out());

    Path bad = checkout(dir.resolve("bad"), true);
    LbcProcess.Result failing = runHook(dir, bad, "lbc-lint");
    assertEquals(1, failing.exit());
    assertTrue(
        failing.out().contains("deployments/broken.yaml:7:26: error[LBC004]"), failing.out());
  }

  /**
   * Staged files the hook must not pass over: a name starting with '-' (neither an option of the
   * sniff nor of lbc), a BOM before `lbc:` (as a folder search takes it), and a deployment far
   * larger than a pipe's buffer (the sniff must not die of SIGPIPE under pipefail).
   */
  @Test
  void lintHookTakesEveryDeploymentWhateverItsNameOrSize(@TempDir Path dir) throws Exception {
    Path ws = dir.resolve("repo");
    Files.createDirectories(ws);
    String broken = Files.readString(ROOT.resolve(BROKEN));
    Files.writeString(ws.resolve("-dash.yaml"), broken);
    Files.writeString(ws.resolve("bom.yaml"), "\uFEFF" + broken);
    // the project file is named like a deployment but is none: the hook leaves it to lbc's loader
    Files.writeString(ws.resolve(".lbc.yaml"), "disable: [LBC202]\n");
    Files.writeString(
        ws.resolve("big.yaml"), broken + "\nx-padding:\n" + "  - a padding line\n".repeat(20_000));
    LbcProcess.Result r = runHook(dir, ws, "lbc-lint");
    assertEquals(1, r.exit(), r.out() + r.err());
    for (String f : List.of("-dash.yaml:", "bom.yaml:", "big.yaml:")) {
      assertTrue(r.out().contains(f), f + " was not linted: " + r.out() + r.err());
    }
    assertTrue(r.out().contains("3 files checked"), r.out());
  }

  @Test
  void fmtHookLaysOutDslFiles(@TempDir Path dir) throws Exception {
    Path ws = checkout(dir, false);
    Path lab = ws.resolve("deployments/lab.lbc");
    String formatted = Files.readString(lab);
    Files.writeString(lab, formatted.replace("\n  ", "\n        "));
    LbcProcess.Result r = runHook(dir, ws, "lbc-fmt");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertEquals(formatted, Files.readString(lab), "the hook rewrote the file; pre-commit sees it");
  }

  /** Runs hook {@code id} as pre-commit would: its entry, on the files its pattern matches. */
  private static LbcProcess.Result runHook(Path dir, Path ws, String id) throws Exception {
    JsonNode hook = null;
    for (JsonNode h : YAML.readTree(ROOT.resolve(".pre-commit-hooks.yaml").toFile())) {
      if (h.get("id").asText().equals(id)) {
        hook = h;
      }
    }
    assertNotEquals(null, hook, "no hook " + id);
    assertEquals("script", hook.get("language").asText());
    Pattern files = Pattern.compile(hook.get("files").asText());
    List<String> staged = new ArrayList<>();
    try (Stream<Path> all = Files.walk(ws)) {
      all.filter(Files::isRegularFile)
          .map(p -> ws.relativize(p).toString())
          .filter(p -> files.matcher(p).find())
          .sorted()
          .forEach(staged::add);
    }
    assertTrue(
        staged.contains(".github/workflows/ci.yml")
            || !id.equals("lbc-lint")
            || !Files.exists(ws.resolve(".github")));
    // language: script runs the entry's first word from the hook repository's root
    String[] entry = hook.get("entry").asText().split(" ");
    StringBuilder script = new StringBuilder("'").append(ROOT.resolve(entry[0])).append('\'');
    for (int i = 1; i < entry.length; i++) {
      script.append(' ').append(entry[i]);
    }
    for (String f : staged) {
      script.append(" '").append(f).append('\'');
    }
    Path bin = LbcProcess.shim(dir.resolve("bin-" + id));
    return LbcProcess.shell(ws, Map.of(), bin, script.toString());
  }

  // --- docs/ci.md ---------------------------------------------------------------------------

  private static final Pattern FENCE = Pattern.compile("(?ms)^```\\w*\\n(.*?)^```");
  private static final Pattern COMMAND = Pattern.compile("\\blbc (?:lint|fmt|build)\\b[^'\\n]*");

  @Test
  void docCommandsRunAndPrintTheirFormat(@TempDir Path dir) throws Exception {
    List<String> commands = new ArrayList<>();
    Matcher block = FENCE.matcher(Files.readString(ROOT.resolve("docs/ci.md")));
    while (block.find()) {
      Matcher c = COMMAND.matcher(block.group(1));
      while (c.find()) {
        commands.add(c.group().strip());
      }
    }
    for (String format : List.of("github", "gitlab", "junit")) {
      assertTrue(
          commands.stream().anyMatch(c -> c.contains("--format " + format)),
          "docs/ci.md shows --format " + format + ": " + commands);
    }
    Path bin = LbcProcess.shim(dir.resolve("bin"));
    Path clean = checkout(dir.resolve("clean"), false);
    Path bad = checkout(dir.resolve("bad"), true);
    for (String command : commands) {
      LbcProcess.Result ok = LbcProcess.shell(clean, Map.of(), bin, command);
      assertEquals(0, ok.exit(), command + ": " + ok.out() + ok.err());
      checkFormat(command, clean, ok.out(), false);
      LbcProcess.Result failing = LbcProcess.shell(bad, Map.of(), bin, command);
      assertEquals(1, failing.exit(), command + ": " + failing.err());
      checkFormat(command, bad, failing.out(), true);
    }
  }

  @Test
  void docWorkflowUsesTheActionsInputs() throws Exception {
    JsonNode inputs = YAML.readTree(ROOT.resolve("action.yml").toFile()).get("inputs");
    Matcher block = FENCE.matcher(Files.readString(ROOT.resolve("docs/ci.md")));
    int uses = 0;
    while (block.find()) {
      if (!block.group(1).contains("uses: lbc-dev/lbc@")) {
        continue;
      }
      for (JsonNode step : YAML.readTree(block.group(1)).at("/jobs/lint/steps")) {
        if (step.path("uses").asText().startsWith("lbc-dev/lbc@")) {
          uses++;
          step.path("with")
              .fieldNames()
              .forEachRemaining(k -> assertTrue(inputs.has(k), "action.yml has no input " + k));
        }
      }
    }
    assertEquals(1, uses, "docs/ci.md shows the action in a workflow");
  }

  /** The output of {@code command} (its stdout, or the file it redirects to) is its format. */
  private static void checkFormat(String command, Path ws, String stdout, boolean findings)
      throws Exception {
    Matcher redirect = Pattern.compile(">\\s*(\\S+)").matcher(command);
    String out = redirect.find() ? Files.readString(ws.resolve(redirect.group(1))) : stdout;
    Matcher format = Pattern.compile("--format (\\w+)").matcher(command);
    String name = format.find() ? format.group(1) : "text";
    switch (name) {
      case "github" -> {
        assertTrue(out.lines().allMatch(l -> l.startsWith("::")), out);
        List<String> errors = errors(out);
        assertEquals(findings ? 3 : 0, errors.size(), out);
        for (String line : errors) {
          assertTrue(line.startsWith("::error file=deployments/broken.yaml,"), line);
        }
      }
      case "gitlab" -> {
        JsonNode issues = new ObjectMapper().readTree(out);
        assertTrue(issues.isArray(), out);
        int major = 0;
        for (JsonNode issue : issues) {
          major += issue.get("severity").asText().equals("major") ? 1 : 0;
          assertTrue(issue.at("/location/path").asText().startsWith("deployments/"), out);
        }
        assertEquals(findings ? 3 : 0, major, out);
      }
      case "junit" -> {
        var doc =
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)));
        assertEquals(findings ? "1" : "0", doc.getDocumentElement().getAttribute("failures"));
      }
      case "sarif" -> SarifSchema.validate(out);
      default ->
          throw new AssertionError("docs/ci.md uses a format this test does not check: " + name);
    }
  }

  /** The error annotations among workflow commands. */
  private static List<String> errors(String commands) {
    return commands.lines().filter(l -> l.startsWith("::error")).toList();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
