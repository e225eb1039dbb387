package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lint runs on untrusted pull requests: any input the 1 MiB limit lets through finishes in seconds
 * and prints a bounded report, however many findings it holds and however long its lines are.
 */
class LintScaleTest {
  /** Generous: the work is linear and takes a second or two; quadratic work takes minutes. */
  private static final Duration BOUND = Duration.ofSeconds(20);

  /** 200 findings per file, each a few lines of at most ~200 columns. */
  private static final int MAX_OUTPUT_CHARS = 400_000;

  private static final int MAX_LINE_CHARS = 300;

  private static final int ONE_MIB = 1024 * 1024;

  private static final Pattern TOTAL = Pattern.compile("1 file checked: ([0-9]+) errors");

  /** About 1 MiB of block YAML, one duplicate key per line: 100,000 LBC004 findings. */
  static String duplicateKeysOnManyLines() {
    StringBuilder b = new StringBuilder("# purpose: a duplicate key on every line\nlbc: 1\n");
    while (b.length() < ONE_MIB - 16) {
      b.append("lbc: 1\n");
    }
    return b.toString();
  }

  /** About 1 MiB of flow YAML on a single line, a duplicate key every few bytes. */
  static String duplicateKeysOnOneLine() {
    StringBuilder b = new StringBuilder("{lbc: 1");
    while (b.length() < ONE_MIB - 16) {
      b.append(", lbc: 1");
    }
    return b.append("}\n").toString();
  }

  /**
   * A whole DSL deployment on one line of about 1 MiB: 10,000 servers (the schema's most), then
   * services that each refer to 4,000 servers nobody declared (the most one service may list).
   * Every reference is LBC003 with a "did you mean", so this also bounds the search for
   * suggestions, which compares each unknown name with every declared one.
   */
  static String unresolvedServersOnOneDslLine() {
    StringBuilder b =
        new StringBuilder("deployment d exchange 2016 { appliance lb1 192.168.30.5/24 primary");
    for (int i = 0; i < 10_000; i++) {
      b.append(" server M").append(i).append(" 10.0.").append(i / 250).append('.');
      b.append(i % 250 + 1);
    }
    int reference = 0;
    for (int service = 0; b.length() < ONE_MIB - 40_000; service++) {
      b.append(" service S").append(service).append(" 192.168.30.10:").append(service + 1);
      b.append(" snat { real N").append(reference++);
      for (int i = 1; i < 4_000 && b.length() < ONE_MIB - 64; i++) {
        b.append(", N").append(reference++);
      }
      b.append(" }");
    }
    return b.append(" }\n").toString();
  }

  /**
   * 20,000 suppression comments in a row, 450,000 blank lines, then 17,000 duplicate keys: every
   * directive looks past the blank lines for the line it covers (the first duplicate), and every
   * finding is checked against every directive.
   */
  static String manySuppressionsBeforeManyFindings() {
    StringBuilder b = new StringBuilder("lbc: 1\n");
    for (int i = 0; i < 20_000; i++) {
      b.append("# lbc-disable LBC004 ok\n");
    }
    b.append("\n".repeat(450_000));
    while (b.length() < ONE_MIB - 16) {
      b.append("lbc: 1\n");
    }
    return b.toString();
  }

  private static Cli.Run lint(Path file, String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "lint";
    args[1] = "--color=never";
    System.arraycopy(options, 0, args, 2, options.length);
    args[args.length - 1] = file.toString();
    return assertTimeoutPreemptively(BOUND, () -> Cli.lbc(args));
  }

  private static Path write(Path dir, String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    assertTrue(Files.size(file) <= ONE_MIB, "the input stays within the 1 MiB limit");
    return file;
  }

  /** The text report is bounded, no line of it is long, and it says how many were left out. */
  private static void assertBoundedText(Cli.Run run, int atLeast) {
    assertEquals(1, run.exit(), run.err());
    String out = run.out();
    assertTrue(out.length() < MAX_OUTPUT_CHARS, "output of " + out.length() + " characters");
    for (String line : out.split("\n")) {
      assertTrue(
          line.length() <= MAX_LINE_CHARS,
          () -> "a line of " + line.length() + " characters: " + line.substring(0, 200));
    }
    Matcher total = TOTAL.matcher(out);
    assertTrue(total.find(), "the summary counts every finding: " + tail(out));
    int errors = Integer.parseInt(total.group(1));
    assertTrue(errors >= atLeast, errors + " findings, expected at least " + atLeast);
    assertTrue(
        out.contains((errors - 200) + " more diagnostics"),
        "says how many were not shown: " + tail(out));
  }

  private static String tail(String s) {
    return s.substring(Math.max(0, s.length() - 600));
  }

  @Test
  void aHundredThousandFindingsOnManyLinesPrintTheFirst200(@TempDir Path tmp) throws Exception {
    Path file = write(tmp, "dup.yaml", duplicateKeysOnManyLines());
    assertBoundedText(lint(file), 100_000);
  }

  @Test
  void aOneMebibyteSingleLineShowsOnlyAWindowOfTheLine(@TempDir Path tmp) throws Exception {
    Path file = write(tmp, "flow.yaml", duplicateKeysOnOneLine());
    Cli.Run run = lint(file);
    assertBoundedText(run, 100_000);
    assertTrue(run.out().contains("…"), "a cut line is marked with …");
  }

  @Test
  void aLongDslLineShowsTheCaretUnderTheFinding(@TempDir Path tmp) throws Exception {
    Path file = write(tmp, "long.lbc", unresolvedServersOnOneDslLine());
    Cli.Run run = lint(file);
    assertBoundedText(run, 50_000);
    // The last finding shown is far into the line; its caret stands under the name it marks.
    String[] lines = run.out().split("\n");
    int caret = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("^ did you mean")) {
        caret = i;
      }
    }
    assertTrue(caret > 0, run.out().substring(0, 2000));
    int at = lines[caret].indexOf('^');
    assertTrue(
        lines[caret - 1].startsWith("1 | …")
            && lines[caret - 1].substring(at).matches("N[0-9]+,.*"),
        lines[caret - 1] + "\n" + lines[caret]);
  }

  @Test
  void manySuppressionsAndManyFindingsAreMatchedInOneSweep(@TempDir Path tmp) throws Exception {
    String text = manySuppressionsBeforeManyFindings();
    long duplicates = text.lines().filter(l -> l.equals("lbc: 1")).count() - 1;
    Path file = write(tmp, "suppressed.yaml", text);
    Cli.Run run = lint(file);
    assertBoundedText(run, 15_000);
    assertTrue(
        run.out().contains("1 file checked: " + (duplicates - 1) + " errors"),
        "the first duplicate is suppressed, the rest are not: " + tail(run.out()));
  }

  @Test
  void githubAndJsonReportsAreBoundedToo(@TempDir Path tmp) throws Exception {
    Path file = write(tmp, "dup.yaml", duplicateKeysOnManyLines());
    Cli.Run github = lint(file, "--format", "github");
    assertEquals(1, github.exit());
    String[] commands = github.out().split("\n");
    assertEquals(201, commands.length, "200 annotations and one notice");
    assertTrue(commands[200].startsWith("::notice "), commands[200]);
    assertTrue(commands[200].contains("more diagnostics"), commands[200]);

    Cli.Run json = lint(file, "--format", "json");
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertEquals(200, root.get("diagnostics").size());
    long errors = root.get("summary").get("errors").asLong();
    assertTrue(errors >= 100_000, "the summary counts every finding");
    assertEquals(errors - 200, root.get("summary").get("omitted").asLong());
  }

  @Test
  void theCapCanBeRaisedOrLifted(@TempDir Path tmp) throws Exception {
    StringBuilder b = new StringBuilder("lbc: 1\n");
    for (int i = 0; i < 300; i++) {
      b.append("lbc: 1\n");
    }
    Path file = write(tmp, "dup.yaml", b.toString());
    assertTrue(lint(file).out().contains("100 more diagnostics"));
    Cli.Run five = lint(file, "--max-diagnostics", "5");
    assertTrue(five.out().contains("295 more diagnostics"), tail(five.out()));
    Cli.Run all = lint(file, "--max-diagnostics", "0", "--format", "github");
    assertEquals(300, all.out().split("\n").length);
  }
}
