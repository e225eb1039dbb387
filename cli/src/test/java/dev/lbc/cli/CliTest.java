package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbc.testsupport.Golden;
import dev.lbc.testsupport.Repo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lbc command as a user and a CI pipeline see it: exit codes, formats, docs. */
class CliTest {
  private static final String BAD = "golden/diagnostics/yaml-duplicate-names/input.yaml";

  private static String path(String relative) {
    return Repo.root().resolve(relative).toString();
  }

  @Test
  void everyExampleLintsClean() {
    Cli.Run run = Cli.lbc("lint", "--max-warnings", "0", path("examples"));
    assertEquals(0, run.exit(), run.out());
    assertTrue(run.out().contains("18 files checked: no problems"), run.out());
  }

  @Test
  void exitCodesFollowTheDesign() {
    assertEquals(1, Cli.lbc("lint", path(BAD)).exit());
    assertEquals(2, Cli.lbc("lint", "/no/such/file.yaml").exit());
    assertEquals(2, Cli.lbc("lint", "--format", "xml", path(BAD)).exit());
    assertEquals(2, Cli.lbc("frobnicate").exit());
    assertEquals(2, Cli.lbc("explain", "LBC999").exit());
    assertEquals(0, Cli.lbc("explain", "LBC002").exit());
  }

  @Test
  void maxWarningsTurnsWarningsIntoFailure() {
    String file = path("golden/diagnostics/yaml-suppression-without-reason/input.yaml");
    assertEquals(0, Cli.lbc("lint", file).exit());
    assertEquals(1, Cli.lbc("lint", "--max-warnings", "0", file).exit());
  }

  @Test
  void jsonOutputIsParseableAndComplete() throws Exception {
    Cli.Run run = Cli.lbc("lint", "--format", "json", path(BAD));
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertEquals(3, root.get("diagnostics").size());
    JsonNode first = root.get("diagnostics").get(0);
    assertEquals("LBC004", first.get("code").asText());
    assertEquals(7, first.get("line").asInt());
    assertEquals(26, first.get("column").asInt());
    assertEquals(1, first.get("secondary").size());
  }

  @Test
  void sarifOutputConformsToTheSarifSchema() throws Exception {
    Cli.Run run = Cli.lbc("lint", "--format", "sarif", path(BAD));
    JSONObject sarif = SarifSchema.validate(run.out());
    JSONObject result =
        sarif.getJSONArray("runs").getJSONObject(0).getJSONArray("results").getJSONObject(0);
    JSONObject region =
        result
            .getJSONArray("locations")
            .getJSONObject(0)
            .getJSONObject("physicalLocation")
            .getJSONObject("region");
    assertEquals(26, region.getInt("startColumn"));
    assertEquals(29, region.getInt("endColumn"));
    JSONObject rule =
        sarif
            .getJSONArray("runs")
            .getJSONObject(0)
            .getJSONObject("tool")
            .getJSONObject("driver")
            .getJSONArray("rules")
            .getJSONObject(result.getInt("ruleIndex"));
    assertEquals("LBC004", rule.getString("id"));
    assertTrue(rule.getJSONObject("help").getString("markdown").contains("## Fix"));
  }

  @Test
  void githubCommandsAreEscaped() {
    Cli.Run run = Cli.lbc("lint", "--format", "github", path(BAD));
    String[] lines = run.out().split("\n");
    assertEquals(3, lines.length);
    assertTrue(lines[0].startsWith("::error file="), lines[0]);
    assertTrue(lines[0].contains(",line=7,col=26,"), lines[0]);
    assertTrue(lines[0].contains("%0Ahelp: "), "help lines are escaped, not raw newlines");
  }

  @Test
  void junitXmlIsWellFormed() throws Exception {
    Cli.Run run = Cli.lbc("lint", "--format", "junit", path(BAD), path("examples"));
    var doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new java.io.ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
    // three LBC004 findings in one file: one failing test case (file, rule)
    assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
    assertEquals(19, doc.getElementsByTagName("testsuite").getLength());
  }

  @Test
  void rulesMarkdownIsUpToDate() throws Exception {
    Cli.Run run = Cli.lbc("rules", "--format", "markdown");
    // also: ./lbc rules --format markdown > docs/rules.md
    Golden.check(Repo.root().resolve("docs/rules.md"), run.out());
  }

  @Test
  void explainPointsAtTheLineTheRuleReports() {
    Cli.Run run = Cli.lbc("explain", "LBC101");
    assertTrue(
        run.out().contains("    real-servers: [{ server: MBOX1, port: 8443 }]  # <- LBC101\n"),
        run.out());
    assertFalse(run.out().contains("# ~"), "the test marker is shown as a plain comment");
  }

  @Test
  void explainPrintsThePage() {
    Cli.Run run = Cli.lbc("explain", "LBC214");
    assertTrue(run.out().startsWith("# LBC214: A single appliance"), run.out());
    assertTrue(run.out().contains("Source: Exchange 2016 guide"), run.out());
  }

  @Test
  void convertRoundTripsEveryExample(@TempDir Path tmp) throws Exception {
    try (var files = Files.list(Repo.root().resolve("examples"))) {
      for (Path yaml : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Path dsl = tmp.resolve(yaml.getFileName().toString().replace(".yaml", ".lbc"));
        assertEquals(
            0, Cli.lbc("convert", yaml.toString(), "--to", "dsl", "-o", dsl.toString()).exit());
        Cli.Run back = Cli.lbc("convert", dsl.toString(), "--to", "yaml");
        Cli.Run direct = Cli.lbc("convert", yaml.toString(), "--to", "yaml");
        assertEquals(direct.out(), back.out(), yaml.toString());
      }
    }
  }

  @Test
  void fmtIsIdempotentAndChecks(@TempDir Path tmp) throws Exception {
    Path messy = tmp.resolve("messy.lbc");
    Files.writeString(
        messy,
        "# keep me\ndeployment d exchange 2016 {\n"
            + "appliance lb1 192.168.30.5/24   primary # trailing\n\n\n"
            + "server   MBOX1 192.168.30.20\n service S 192.168.30.10:443,993 snat { real MBOX1 }\n}\n");
    assertEquals(1, Cli.lbc("fmt", "--check", messy.toString()).exit());
    assertEquals(0, Cli.lbc("fmt", messy.toString()).exit());
    String once = Files.readString(messy);
    assertEquals(
        "# keep me\ndeployment d exchange 2016 {\n"
            + "  appliance lb1 192.168.30.5/24 primary  # trailing\n\n"
            + "  server MBOX1 192.168.30.20\n  service S 192.168.30.10:443,993 snat {\n"
            + "    real MBOX1\n  }\n}\n",
        once);
    assertEquals(0, Cli.lbc("fmt", "--check", messy.toString()).exit());
    assertEquals(0, Cli.lbc("fmt", "--check", path("examples")).exit());
  }

  @Test
  void versionAndHelp() {
    assertTrue(Cli.lbc("--version").out().startsWith("lbc "));
    Cli.Run help = Cli.lbc("lint", "--help");
    assertTrue(help.out().contains("--max-warnings"));
    assertFalse(help.out().isEmpty());
  }

  @Test
  void unusedSuppressionsAreReportedOnRequest(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("d.yaml");
    String clean =
        Files.readString(Repo.root().resolve("golden/rules/lbc214-near-miss-pair/input.yaml"));
    Files.writeString(
        file, clean.replace("services:\n", "services:\n  # lbc-disable LBC201 no longer needed\n"));
    assertTrue(Cli.lbc("lint", file.toString()).out().contains("no problems"));
    Cli.Run run = Cli.lbc("lint", "--report-unused-disables", file.toString());
    assertTrue(run.out().contains("warning[LBC010]"), run.out());
  }

  @Test
  void quotedGlobsAreExpanded() {
    Cli.Run run = Cli.lbc("lint", Repo.root().resolve("examples").toString() + "/*-dr.lbc");
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("2 files checked"), run.out());
    assertEquals(2, Cli.lbc("lint", Repo.root().resolve("examples") + "/*.nothing").exit());
  }

  @Test
  void runWithAMissingCertificateIsALocatedFinding(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("offload.yaml");
    Files.writeString(
        file,
        Files.readString(Repo.root().resolve("examples/exchange2016-layer7-ssl-offload.yaml"))
            .replace("pem: certs/exchange.pem", "pem: certs/missing.pem"));
    Cli.Run run =
        Cli.lbc(
            "run",
            file.toString(),
            "--bind-map",
            "192.168.30.10=127.0.0.10",
            "--admin",
            "127.0.0.1:19112");
    assertEquals(1, run.exit(), run.err());
    int line =
        Files.readAllLines(file)
                .indexOf(
                    Files.readAllLines(file).stream()
                        .filter(l -> l.contains("missing.pem"))
                        .findFirst()
                        .orElseThrow())
            + 1;
    assertTrue(
        run.err().contains(file + ":" + line + ":32: error[LBC113]: certificate ExchangeCert")
            && run.err().contains("missing.pem")
            && run.err().contains("no such file"),
        run.err());
    assertFalse(run.err().contains("internal error"), run.err());
  }
}
