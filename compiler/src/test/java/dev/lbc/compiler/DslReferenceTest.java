package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.CompileResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/dsl.md documents every statement of the grammar, and each example parses: a statement added
 * to Lbc.g4 without a page, or an example that drifted from the grammar, fails here.
 */
class DslReferenceTest {
  private static final Path ROOT = root();
  private static final Pattern HEADING = Pattern.compile("(?m)^### `([a-z-]+)`");
  private static final Pattern BLOCK = Pattern.compile("(?s)```lbc\n(.*?)```");

  private static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("grammar/src/main/antlr4/dev/lbc/grammar/Lbc.g4"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository above " + Path.of("").toAbsolutePath());
  }

  private static String read(String path) throws IOException {
    return Files.readString(ROOT.resolve(path), StandardCharsets.UTF_8);
  }

  /** The first keyword of each alternative of the grammar rules that hold statements. */
  private static TreeSet<String> statementKeywords() throws IOException {
    String grammar = read("grammar/src/main/antlr4/dev/lbc/grammar/Lbc.g4");
    TreeSet<String> keywords = new TreeSet<>(List.of("deployment"));
    for (String rule : List.of("statement", "serverItem", "serviceItem")) {
      Matcher body = Pattern.compile("(?s)\n" + rule + "\\s*\n(.*?)\n\\s*;").matcher(grammar);
      assertTrue(body.find(), rule);
      Matcher alt = Pattern.compile("(?m)^\\s*[:|]\\s*'([a-z-]+)'").matcher(body.group(1));
      while (alt.find()) {
        keywords.add(alt.group(1));
      }
    }
    return keywords;
  }

  /** Each {@code ### `keyword`} of docs/dsl.md with the example under it, wrapped to parse. */
  private static Map<String, String> examples() throws IOException {
    String doc = read("docs/dsl.md");
    Map<String, String> examples = new LinkedHashMap<>();
    Matcher h = HEADING.matcher(doc);
    List<int[]> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (h.find()) {
      starts.add(new int[] {h.start()});
      names.add(h.group(1));
    }
    for (int i = 0; i < names.size(); i++) {
      int from = starts.get(i)[0];
      int to = i + 1 < names.size() ? starts.get(i + 1)[0] : doc.length();
      String section = doc.substring(from, to);
      Matcher b = BLOCK.matcher(section);
      assertTrue(b.find(), "an example under ### `" + names.get(i) + "`");
      String chapter = doc.substring(0, from);
      chapter = chapter.substring(chapter.lastIndexOf("\n## "));
      examples.put(names.get(i), wrap(chapter, b.group(1)));
    }
    return examples;
  }

  private static String wrap(String chapter, String example) {
    if (chapter.startsWith("\n## The server block")) {
      return "deployment d exchange se {\n  server S 10.0.0.20 {\n" + example + "  }\n}\n";
    }
    if (chapter.startsWith("\n## The service block")) {
      return "deployment d exchange se {\n  service S 10.0.0.10:443 snat {\n" + example + "}\n}\n";
    }
    if (chapter.startsWith("\n## Statements")) {
      return "deployment d exchange se {\n" + example + "}\n";
    }
    return example;
  }

  @Test
  void everyStatementOfTheGrammarHasAnExample() throws IOException {
    TreeSet<String> missing = statementKeywords();
    missing.removeAll(examples().keySet());
    assertEquals(new TreeSet<String>(), missing, "statements without a section in docs/dsl.md");
  }

  @Test
  void everyExampleParses() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Map.Entry<String, String> e : examples().entrySet()) {
      CompileResult r = Lbc.dsl(e.getValue());
      for (Diagnostic d : r.diagnostics()) {
        if (d.code().equals("LBC001")) {
          broken.add(e.getKey() + ": " + d.message() + "\n" + e.getValue());
        }
      }
    }
    assertEquals(List.of(), broken, "examples of docs/dsl.md that do not parse");
  }

  @Test
  void theCompleteExampleCompilesWithoutErrors() throws IOException {
    Matcher b =
        Pattern.compile("(?s)## A complete deployment\n.*?```lbc\n(.*?)```")
            .matcher(read("docs/dsl.md"));
    assertTrue(b.find(), "docs/dsl.md has a complete deployment");
    CompileResult r = Lbc.dsl(b.group(1));
    List<String> errors =
        r.diagnostics().stream()
            .filter(d -> d.severity() == Severity.ERROR)
            .map(d -> d.code() + " " + d.message())
            .toList();
    assertEquals(List.of(), errors);
  }
}
