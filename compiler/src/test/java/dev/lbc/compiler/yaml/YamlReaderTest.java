package dev.lbc.compiler.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Diagnostics;
import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.source.Span;
import dev.lbc.compiler.tree.DataNode;
import dev.lbc.compiler.tree.MapNode;
import dev.lbc.compiler.tree.ScalarNode;
import dev.lbc.compiler.tree.SeqNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tree the YAML reader builds: what each scalar is typed as, where each node is, aliases. */
class YamlReaderTest {
  private final Diagnostics diagnostics = new Diagnostics();

  private DataNode read(String yaml) {
    return YamlReader.read(new SourceFile("t.yaml", yaml), diagnostics);
  }

  private DataNode value(DataNode map, String key) {
    for (MapNode.Entry e : ((MapNode) map).entries()) {
      if (e.key().text().equals(key)) {
        return e.value();
      }
    }
    throw new AssertionError("no key " + key + " in " + map);
  }

  private static String at(Span s) {
    return s.line() + ":" + s.column() + "-" + s.endLine() + ":" + s.endColumn();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '`',
      value = {
        // written | text | typed as (String, Long, Boolean or null)
        "v: 443;443;Long",
        "v: '443';443;String",
        "v: \"443\";443;String",
        "v: 0443;0443;String",
        "v: 1_000;1_000;String",
        "v: true;true;Boolean",
        "v: 'true';true;String",
        "v: yes;yes;String",
        "v: True;True;String",
        "v: ~;~;null",
        "v: null;null;null",
        "v:;;String",
        "v: '';;String",
        "v: 1.5;1.5;String",
        "v: |\\n  443\\n;443\\n;String",
        "v: >-\\n  true\\n;true;String",
      })
  void scalarsKeepTheirTextAndQuotedOnesStayText(String yaml, String text, String type) {
    DataNode v = value(read(yaml.replace("\\n", "\n")), "v");
    assertTrue(diagnostics.sorted().isEmpty(), diagnostics.sorted().toString());
    ScalarNode scalar = (ScalarNode) v;
    assertEquals(text == null ? "" : text.replace("\\n", "\n"), scalar.text());
    Object typed = scalar.value();
    assertEquals(type, typed == null ? "null" : typed.getClass().getSimpleName());
  }

  @Test
  void everyNodeHasItsSpanInCodePoints() {
    DataNode root = read("name: é-ü\nlist:\n  - 1\n  - {a: \"b\"}\nclef: 𝄞x\n");
    assertEquals("1:7-1:10", at(value(root, "name").span()));
    // a character outside the BMP is one column, not two
    assertEquals("5:7-5:9", at(value(root, "clef").span()));
    SeqNode list = (SeqNode) value(root, "list");
    assertEquals("3:3-4:12", at(list.span()));
    assertEquals("3:5-3:6", at(list.items().get(0).span()));
    MapNode inner = (MapNode) list.items().get(1);
    assertEquals("4:5-4:12", at(inner.span()));
    assertEquals("4:6-4:7", at(inner.entries().get(0).key().span()));
    assertEquals("4:9-4:12", at(value(inner, "a").span()));
  }

  @Test
  void anAliasIsTheAnchoredNodeItself() {
    DataNode root = read("a: &x {p: 1}\nb: *x\n");
    assertTrue(diagnostics.sorted().isEmpty(), diagnostics.sorted().toString());
    assertSame(value(root, "a"), value(root, "b"));
  }

  @Test
  void anAliasToAnAnchoredScalarIsRefusedAtTheAlias() {
    read("a: &x 1\nb: *x\n");
    List<Diagnostic> all = diagnostics.sorted();
    assertEquals(1, all.size(), all.toString());
    assertEquals("LBC001", all.get(0).code());
    assertEquals("2:4", all.get(0).span().line() + ":" + all.get(0).span().column());
    assertTrue(all.get(0).message().contains("*x refers to no anchored mapping or list"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "v: !!str 443|!!str|1:4",
        "v: !local x|!local|1:4",
        "v: ! x|!|1:4",
        "v: !!map {a: 1}|!!map|1:4",
        "v:\\n  - !!binary aGk=|!!binary|2:5",
      })
  void anExplicitTagIsRefusedWhereItStands(String yaml, String tag, String where) {
    assertNull(read(yaml.replace("\\n", "\n")));
    List<Diagnostic> all = diagnostics.sorted();
    assertEquals(1, all.size(), all.toString());
    assertTrue(
        all.get(0).message().contains("YAML tag `" + tag + "` is not allowed"),
        all.get(0).message());
    assertEquals(where, all.get(0).span().line() + ":" + all.get(0).span().column());
  }

  @Test
  void aSecondDocumentIsReportedAtItsFirstNode() {
    assertNull(read("a: 1\n---\nb: 2\n"));
    List<Diagnostic> all = diagnostics.sorted();
    assertEquals(1, all.size(), all.toString());
    assertEquals("3:1", all.get(0).span().line() + ":" + all.get(0).span().column());
  }

  @Test
  void anEmptyFileAndACommentOnlyFileHoldNoDocument() {
    for (String empty : List.of("", "# nothing\n", "\n\n")) {
      Diagnostics d = new Diagnostics();
      assertNull(YamlReader.read(new SourceFile("t.yaml", empty), d));
      assertEquals(1, d.size());
      assertTrue(d.sorted().get(0).message().contains("no YAML document"), d.sorted().toString());
    }
  }

  private void assertRefusedAt(String text, String where, String message) {
    Diagnostics d = new Diagnostics();
    assertNull(YamlReader.read(new SourceFile("t.yaml", text), d));
    List<Diagnostic> all = d.sorted();
    assertEquals(1, all.size(), all.toString());
    assertEquals("LBC001", all.get(0).code());
    assertEquals(
        where, all.get(0).span().line() + ":" + all.get(0).span().column(), all.toString());
    assertTrue(all.get(0).message().startsWith(message), all.get(0).message());
  }

  /** Characters valid UTF-8 carries but YAML refuses (SourceText lets them through). */
  @Test
  void aCharacterYamlRefusesIsReportedWhereItStands() {
    String refused = "YAML syntax: special characters are not allowed";
    assertRefusedAt("a: b\u0001\n", "1:5", refused + " (U+0001)");
    assertRefusedAt("a: b\nc: 'd\u007f'\n", "2:6", refused + " (U+007F)");
    // past the library's first 1,024 characters of look-ahead
    StringBuilder long41 = new StringBuilder();
    for (int i = 0; i < 41; i++) {
      long41.append("k").append(i + 100).append(": ").append("x".repeat(38)).append("\n");
    }
    assertRefusedAt(long41 + "z: \ufffe\n", "42:4", refused + " (U+FFFE)");
  }

  /** A failure of the library that carries no position: reported where its events had got to. */
  @Test
  void aFailureWithoutAPositionIsReportedWhereReadingGotTo() {
    assertRefusedAt("a: \"\\UFFFFFFFF\"\n", "1:2", "the YAML parser failed: ");
  }
}
