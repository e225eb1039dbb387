package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.spi.Rules;
import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/guide-audit.md maps every guide step that applies to lbc to what covers it. This test keeps
 * the page honest: each rule it names is in the catalogue, each file exists in a fresh build of the
 * examples, each RUNBOOK section is a heading of a generated RUNBOOK, and each step left out says
 * why.
 */
class GuideAuditTest {
  private static final Path PAGE = Repo.root().resolve("docs/guide-audit.md");
  private static final Pattern TICKED = Pattern.compile("`([^`]+)`");
  private static final Pattern RULE = Pattern.compile("LBC[0-9]{3}");
  private static final String RUNBOOK = "RUNBOOK: ";

  /** Every file path of every example's build, and every heading of their RUNBOOKs. */
  private static final Set<String> BUILT = new HashSet<>();

  private static final Set<String> HEADINGS = new HashSet<>();

  /** One table row: its section of the page, its cells. */
  private record Row(String table, List<String> cells) {
    String number() {
      return cells.get(0);
    }

    String last() {
      return cells.get(cells.size() - 1);
    }
  }

  @BeforeAll
  static void buildTheExamples(@TempDir Path tmp) throws IOException {
    List<Path> examples;
    try (Stream<Path> s = Files.list(Repo.root().resolve("examples"))) {
      examples = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path example : examples) {
      Path out = tmp.resolve(example.getFileName().toString().replace(".yaml", ""));
      Map<String, byte[]> files = BuildTest.build(example, out);
      BUILT.addAll(files.keySet());
      byte[] runbook = files.get("RUNBOOK.md");
      if (runbook != null) {
        for (String line : new String(runbook, StandardCharsets.UTF_8).split("\n")) {
          if (line.startsWith("## ") || line.startsWith("### ")) {
            HEADINGS.add(line.substring(line.indexOf(' ') + 1).strip());
          }
        }
      }
    }
  }

  private static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    String table = "";
    for (String line : Files.readAllLines(PAGE, StandardCharsets.UTF_8)) {
      if (line.startsWith("## ")) {
        table = line.substring(3).strip();
      } else if (line.startsWith("| ") && !line.startsWith("| #") && !line.startsWith("|---")) {
        List<String> cells = new ArrayList<>();
        for (String c : line.substring(1, line.length() - 1).split(" \\| ", -1)) {
          cells.add(c.strip());
        }
        rows.add(new Row(table, cells));
      }
    }
    return rows;
  }

  private static List<String> names(String cell) {
    List<String> out = new ArrayList<>();
    Matcher m = TICKED.matcher(cell);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** True if {@code pattern} ({@code <host>}, {@code <name>} for any one folder) was built. */
  private static boolean built(String pattern) {
    Pattern p =
        Pattern.compile(
            Pattern.quote(pattern)
                .replace("<host>", "\\E[^/]+\\Q")
                .replace("<name>", "\\E[^/]+\\Q"));
    return BUILT.stream().anyMatch(f -> p.matcher(f).matches());
  }

  @Test
  void thePageHasItsTwoTablesAndNumbersEachStepOnce() throws IOException {
    Map<String, Integer> perTable = new LinkedHashMap<>();
    Set<String> numbers = new HashSet<>();
    for (Row r : rows()) {
      perTable.merge(r.table(), 1, Integer::sum);
      assertEquals(5, r.cells().size(), "a row has 5 cells: " + r.cells());
      assertTrue(numbers.add(r.number()), "step " + r.number() + " is numbered twice");
      assertTrue(
          r.cells().get(2).contains("§") || r.cells().get(1).startsWith("("),
          "row " + r.number() + " names no section");
    }
    assertEquals(List.of("Covered", "Left out"), List.copyOf(perTable.keySet()));
    assertTrue(perTable.get("Covered") >= 70, "covered steps: " + perTable.get("Covered"));
  }

  @Test
  void everyCoveredStepNamesWhatExists() throws IOException {
    Set<String> rules = Rules.load().ids();
    List<String> missing = new ArrayList<>();
    for (Row r : rows()) {
      if (!r.table().equals("Covered")) {
        continue;
      }
      List<String> names = names(r.last());
      assertFalse(names.isEmpty(), "step " + r.number() + " names nothing that covers it");
      for (String n : names) {
        boolean ok;
        if (RULE.matcher(n).matches()) {
          ok = rules.contains(n);
        } else if (n.startsWith(RUNBOOK)) {
          ok = HEADINGS.contains(n.substring(RUNBOOK.length()));
        } else {
          ok = built(n);
        }
        if (!ok) {
          missing.add("step " + r.number() + ": " + n);
        }
      }
    }
    assertEquals(List.of(), missing, "named in docs/guide-audit.md but not in lbc");
  }

  @Test
  void everyStepLeftOutSaysWhy() throws IOException {
    for (Row r : rows()) {
      if (r.table().equals("Left out")) {
        assertTrue(r.last().length() > 20, "step " + r.number() + " is left out without a reason");
      }
    }
  }
}
