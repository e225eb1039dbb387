package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbc.testsupport.Repo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CI formats as the CI systems read them: GitHub workflow commands, SARIF for code scanning,
 * JUnit XML for Jenkins and GitLab Code Quality. Each test checks what the system would show.
 */
class CiFormatsTest {
  /** Three LBC004 errors, each with a note and a help line. */
  private static final String BAD = "golden/diagnostics/yaml-duplicate-names/input.yaml";

  /** Two LBC009 warnings. */
  private static final String WARNINGS =
      "golden/diagnostics/yaml-suppression-without-reason/input.yaml";

  private static final Path ROOT = Repo.root();

  private static String path(String relative) {
    return ROOT.resolve(relative).toString();
  }

  // --- github -------------------------------------------------------------------------------

  @Test
  void githubPathsAreRelativeToGithubWorkspace() throws Exception {
    // run from a sub-folder with a ../ path, as a job with working-directory: would
    var run =
        LbcProcess.lbc(
            ROOT.resolve("cli"),
            Map.of("GITHUB_WORKSPACE", ROOT.toString()),
            "lint",
            "--format",
            "github",
            "../" + BAD);
    assertEquals(1, run.exit(), run.err());
    for (String line : run.out().split("\n")) {
      assertTrue(line.startsWith("::error file=" + BAD + ",line="), line);
    }
  }

  @Test
  void githubPathsAreRelativeToTheCurrentFolderWithoutAWorkspace() throws Exception {
    var run = LbcProcess.lbc(ROOT, Map.of(), "lint", "--format", "github", path(BAD));
    assertTrue(run.out().startsWith("::error file=" + BAD + ",line=7,"), run.out());
  }

  @Test
  void githubMessagesCarryNotesAndHelp() {
    Cli.Run run = Cli.lbc("lint", "--format", "github", path(BAD));
    String first = run.out().split("\n")[0];
    assertTrue(
        first.endsWith(
            "::LBC004: duplicate appliance hostname `LB1`"
                + "%0Anote: names compare without regard to case"
                + "%0Ahelp: rename or remove one of them"),
        first);
  }

  @Test
  void githubAnnotatesAMissingInput() {
    Cli.Run run = Cli.lbc("lint", "--format", "github", "/no/such/deploy.yaml");
    assertEquals(2, run.exit());
    assertEquals(
        "::error file=/no/such/deploy.yaml,title=lbc::/no/such/deploy.yaml: no such file or directory\n",
        run.out());
    assertTrue(
        run.err().contains("no such file or directory"), "the log still says it: " + run.err());
  }

  @Test
  void githubAnnotatesABrokenProjectFile(@TempDir Path dir) throws Exception {
    Files.copy(ROOT.resolve("examples/lab.yaml"), dir.resolve("lab.yaml"));
    Files.writeString(dir.resolve(".lbc.yaml"), "disable: LBC206\n");
    Cli.Run run = Cli.lbc("lint", "--format", "github", dir.resolve("lab.yaml").toString());
    assertEquals(2, run.exit());
    String project = GithubEscape.property(dir.resolve(".lbc.yaml").toString());
    assertTrue(run.out().startsWith("::error file=" + project + ",title=lbc::"), run.out());
    assertTrue(run.out().contains("`disable:` is a list of rule IDs"), run.out());
  }

  @Test
  void githubEscapesHostileFileNames(@TempDir Path dir) throws Exception {
    Path hostile = dir.resolve("a,b:c%d.yaml");
    Files.copy(ROOT.resolve(BAD), hostile);
    Cli.Run run = Cli.lbc("lint", "--format", "github", hostile.toString());
    assertTrue(run.out().contains("a%2Cb%3Ac%25d.yaml,line=7,"), run.out());
  }

  // --- sarif --------------------------------------------------------------------------------

  @Test
  void sarifMessagesCarryNotesAndHelp() throws Exception {
    JsonNode result = sarifResults(Cli.lbc("lint", "--format", "sarif", path(BAD)).out()).get(0);
    String text = result.at("/message/text").asText();
    assertTrue(text.contains("Note: names compare without regard to case."), text);
    assertTrue(text.contains("Help: rename or remove one of them."), text);
    assertTrue(result.at("/message/markdown").isMissingNode(), "user text is never Markdown");
  }

  @Test
  void sarifFingerprintsSurviveMovedLinesAndTellFindingsApart(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deploy.yaml");
    String original = Files.readString(ROOT.resolve(BAD));
    Files.writeString(file, original);
    JsonNode before = sarifResults(Cli.lbc("lint", "--format", "sarif", file.toString()).out());
    // an edit above the findings moves every line down by three
    Files.writeString(file, "# a comment\n# another\n\n" + original);
    JsonNode after = sarifResults(Cli.lbc("lint", "--format", "sarif", file.toString()).out());
    assertEquals(3, before.size());
    Set<String> distinct = new HashSet<>();
    for (int i = 0; i < before.size(); i++) {
      String fp = before.get(i).at("/partialFingerprints/lbcFinding~1v1").asText();
      assertFalse(fp.isEmpty(), before.get(i).toString());
      distinct.add(fp);
      assertEquals(fp, after.get(i).at("/partialFingerprints/lbcFinding~1v1").asText());
      assertEquals(
          before.get(i).at("/locations/0/physicalLocation/region/startLine").asInt() + 3,
          after.get(i).at("/locations/0/physicalLocation/region/startLine").asInt());
    }
    assertEquals(3, distinct.size(), "three findings, three fingerprints");
  }

  @Test
  void sarifWithNotesAndFingerprintsConformsToTheSchema() {
    SarifSchema.validate(Cli.lbc("lint", "--format", "sarif", path(BAD)).out());
    SarifSchema.validate(Cli.lbc("lint", "--format", "sarif", "/no/such/deploy.yaml").out());
  }

  @Test
  void sarifReportsAMissingInputAsAFailedRun() throws Exception {
    Cli.Run run = Cli.lbc("lint", "--format", "sarif", "/no/such/deploy.yaml");
    assertEquals(2, run.exit());
    JsonNode invocation = new ObjectMapper().readTree(run.out()).at("/runs/0/invocations/0");
    assertFalse(invocation.get("executionSuccessful").asBoolean(), invocation.toString());
    JsonNode n = invocation.at("/toolExecutionNotifications/0");
    assertEquals("error", n.get("level").asText());
    assertTrue(n.at("/message/text").asText().contains("no such file or directory"), n.toString());
  }

  /**
   * A mistyped option in a CI job (an unknown flag, a bad value, before or after --format) still
   * leaves a report saying why, not an empty file that the SARIF upload rejects as invalid JSON.
   */
  @Test
  void aBadOptionIsReportedInTheChosenFormat() throws Exception {
    String[][] lines = {
      {"lint", "--format", "sarif", "--bogus", path(BAD)},
      {"lint", "--max-warnings", "x", "--format=sarif", path(BAD)},
      {"build", "-f", "sarif", "--severity", "nonsense", path(BAD)},
    };
    for (String[] line : lines) {
      Cli.Run run = Cli.lbc(line);
      String shown = String.join(" ", line);
      assertEquals(2, run.exit(), shown + ": " + run.err());
      assertFalse(run.out().isBlank(), shown + ": no report on standard output");
      SarifSchema.validate(run.out());
      JsonNode invocation = new ObjectMapper().readTree(run.out()).at("/runs/0/invocations/0");
      assertFalse(invocation.get("executionSuccessful").asBoolean(), shown);
      String text = invocation.at("/toolExecutionNotifications/0/message/text").asText();
      String said = run.err().lines().findFirst().orElse("").replaceFirst("^lbc: ", "");
      assertTrue(!said.isEmpty() && text.startsWith(said), shown + ": " + text + " / " + said);
    }
    Cli.Run github = Cli.lbc("lint", "-fgithub", "--color=blue", path(BAD));
    assertEquals(2, github.exit());
    assertTrue(github.out().startsWith("::error title=lbc::"), github.out());
    Cli.Run text = Cli.lbc("lint", "--bogus", path(BAD));
    assertEquals("", text.out(), "text output keeps the message on standard error only");
  }

  private static JsonNode sarifResults(String sarif) throws Exception {
    return new ObjectMapper().readTree(sarif).at("/runs/0/results");
  }

  // --- junit --------------------------------------------------------------------------------

  @Test
  void junitHasOneTestcasePerFileAndRuleWithoutLineNumbers() throws Exception {
    Document doc = xml(Cli.lbc("lint", "--format", "junit", path(BAD)).out());
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(1, cases.getLength(), "three LBC004 findings in one file are one test case");
    Element c = (Element) cases.item(0);
    assertEquals(path(BAD), c.getAttribute("classname"));
    assertEquals("LBC004 duplicate-name", c.getAttribute("name"));
    Element failure = (Element) c.getElementsByTagName("failure").item(0);
    String body = failure.getTextContent();
    for (String at : List.of(":7:26: error[LBC004]", ":10:13: error[LBC004]", ":13:13:")) {
      assertTrue(body.contains(at), body);
    }
    assertTrue(body.contains("help: rename or remove one of them"), body);
    assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
  }

  @Test
  void junitWarningsPassUnlessTheRunFailsOnThem() throws Exception {
    Cli.Run lenient = Cli.lbc("lint", "--format", "junit", path(WARNINGS));
    assertEquals(0, lenient.exit());
    Document doc = xml(lenient.out());
    assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
    assertEquals(0, doc.getElementsByTagName("failure").getLength());
    assertTrue(
        doc.getElementsByTagName("system-out").item(0).getTextContent().contains("LBC009"),
        lenient.out());

    Cli.Run strict = Cli.lbc("lint", "--format", "junit", "--max-warnings", "0", path(WARNINGS));
    assertEquals(1, strict.exit());
    Document failing = xml(strict.out());
    assertEquals("1", failing.getDocumentElement().getAttribute("failures"));
    assertEquals(1, failing.getElementsByTagName("failure").getLength());
  }

  @Test
  void junitReportsAMissingInputAsAnErrorTestcase() throws Exception {
    Cli.Run run = Cli.lbc("lint", "--format", "junit", "/no/such/deploy.yaml");
    assertEquals(2, run.exit());
    Document doc = xml(run.out());
    assertEquals("1", doc.getDocumentElement().getAttribute("errors"));
    Element error = (Element) doc.getElementsByTagName("error").item(0);
    assertTrue(error.getAttribute("message").contains("no such file or directory"), run.out());
    Element c = (Element) error.getParentNode();
    assertEquals("/no/such/deploy.yaml", c.getAttribute("classname"));
  }

  @Test
  void junitEscapesHostileNames(@TempDir Path dir) throws Exception {
    Path hostile = dir.resolve("a&b<\"'>]]>.yaml");
    Files.copy(ROOT.resolve(BAD), hostile);
    Document doc = xml(Cli.lbc("lint", "--format", "junit", hostile.toString()).out());
    Element c = (Element) doc.getElementsByTagName("testcase").item(0);
    assertEquals(hostile.toString(), c.getAttribute("classname"));
  }

  private static Document xml(String text) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  // --- gitlab -------------------------------------------------------------------------------

  @Test
  void gitlabCodeQualityReport() throws Exception {
    var run =
        LbcProcess.lbc(
            ROOT.resolve("cli"),
            Map.of("CI_PROJECT_DIR", ROOT.toString()),
            "lint",
            "--format",
            "gitlab",
            "../" + BAD,
            "../" + WARNINGS);
    assertEquals(1, run.exit(), run.err());
    JsonNode issues = new ObjectMapper().readTree(run.out());
    assertTrue(issues.isArray(), run.out());
    assertEquals(5, issues.size());
    JsonNode first = issues.get(0);
    assertEquals("LBC004", first.get("check_name").asText());
    assertEquals("major", first.get("severity").asText());
    assertEquals(BAD, first.at("/location/path").asText());
    assertEquals(7, first.at("/location/lines/begin").asInt());
    assertTrue(first.get("description").asText().contains("duplicate appliance hostname"));
    assertEquals("minor", issues.get(3).get("severity").asText());
    List<String> fingerprints = new ArrayList<>();
    issues.forEach(i -> fingerprints.add(i.get("fingerprint").asText()));
    assertEquals(5, new HashSet<>(fingerprints).size(), "GitLab keeps one issue per fingerprint");
    assertNotEquals("", fingerprints.get(0));
  }

  @Test
  void gitlabCleanRunIsAnEmptyReport() {
    Cli.Run run = Cli.lbc("lint", "--format", "gitlab", path("examples/lab.yaml"));
    assertEquals(0, run.exit(), run.out());
    assertEquals("[ ]\n", run.out());
  }

  /** The escaping GitHub's runner expects in a property, to build expected lines. */
  private static final class GithubEscape {
    static String property(String s) {
      return s.replace("%", "%25")
          .replace("\r", "%0D")
          .replace("\n", "%0A")
          .replace(":", "%3A")
          .replace(",", "%2C");
    }
  }
}
