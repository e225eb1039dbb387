package dev.lbc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Diagnostics;
import dev.lbc.compiler.dsl.DslFormatter;
import dev.lbc.compiler.pipeline.CompileResult;
import dev.lbc.compiler.render.Report;
import dev.lbc.compiler.render.TextRenderer;
import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.source.SourceText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One line model for every reader: LF, CRLF and a lone CR each end a line (YAML 1.2 §5.4), and a
 * leading UTF-8 byte order mark is not part of the text. A file gives the same positions and the
 * same suppressions whatever its line endings.
 */
class LineEndingsTest {
  /** Two unresolved servers; the first is suppressed, the second is reported at 11:10. */
  static final String DSL =
      """
      # purpose: a suppression and a finding
      deployment demo exchange 2016 {
        appliance lb1 192.168.30.5/24 primary
        appliance lb2 192.168.30.6/24 secondary
        server MBOX1 192.168.30.20
        # lbc-disable LBC003 MBOX9 arrives next week
        service S 192.168.30.10:443 snat {
          real MBOX9:443
        }
        service T 192.168.30.11:443 snat {
          real MBOX8:443
        }
      }
      """;

  static final String YAML =
      """
      # purpose: a suppression and a finding
      lbc: 1
      name: demo
      exchange: 2016
      appliances:
        primary: { hostname: lb1, address: 192.168.30.5/24 }
      servers:
        - { name: MBOX1, address: 192.168.30.20 }
      services:
        # lbc-disable LBC003 MBOX9 arrives next week
        - { name: S, vip: 192.168.30.10, ports: [443], mode: snat, real-servers: [{ server: MBOX9 }] }
        - { name: T, vip: 192.168.30.11, ports: [443], mode: snat, real-servers: [{ server: MBOX8 }] }
      """;

  /** The text with every line ending replaced by {@code ending}. */
  static String with(String text, String ending) {
    return text.replace("\n", ending);
  }

  /** Line endings taking turns: CRLF, CR, LF, CRLF... */
  static String mixed(String text) {
    String[] endings = {"\r\n", "\r", "\n"};
    StringBuilder b = new StringBuilder();
    int n = 0;
    for (char c : text.toCharArray()) {
      b.append(c == '\n' ? endings[n++ % 3] : String.valueOf(c));
    }
    return b.toString();
  }

  static List<String> found(CompileResult r) {
    return r.diagnostics().stream()
        .map(d -> d.code() + "@" + d.span().line() + ":" + d.span().column())
        .toList();
  }

  static List<String> variants(String text) {
    return List.of(
        with(text, "\r\n"),
        with(text, "\r"),
        mixed(text),
        "\uFEFF" + text,
        "\uFEFF" + with(text, "\r"));
  }

  @Test
  void dslPositionsAndSuppressionsDoNotDependOnLineEndings() {
    List<String> lf = found(Lbc.dsl(DSL));
    assertEquals(List.of("LBC003@11:10"), lf);
    for (String variant : variants(DSL)) {
      assertEquals(lf, found(Lbc.dsl(variant)), variant.replace("\r", "\\r"));
    }
  }

  @Test
  void yamlPositionsAndSuppressionsDoNotDependOnLineEndings() {
    List<String> lf = found(Lbc.yaml(YAML));
    assertEquals(1, lf.size(), lf.toString());
    assertTrue(lf.get(0).startsWith("LBC003@12:"), lf.toString());
    for (String variant : variants(YAML)) {
      assertEquals(lf, found(Lbc.yaml(variant)), variant.replace("\r", "\\r"));
    }
  }

  @Test
  void theSnippetShowsTheRightLineOfACrOnlyFile() {
    CompileResult r = Lbc.dsl(with(DSL, "\r"));
    String text = new TextRenderer(false).render(new Report(List.of(r), List.of(), "test"));
    assertTrue(text.contains("11 |     real MBOX8:443\n"), text);
  }

  @Test
  void aYamlLineSeparatorIsRefusedWhereItStands() {
    // YAML 1.1 readers end a line at U+2028 and YAML 1.2 ones do not: positions after it would
    // depend on the reader, so lbc refuses it, at its own position.
    CompileResult r = Lbc.yaml("# note\u2028more\n" + YAML);
    List<Diagnostic> d = r.diagnostics();
    assertEquals(List.of("LBC001@1:7"), found(r), d.toString());
    assertTrue(d.get(0).message().contains("U+2028"), d.get(0).message());
  }

  @Test
  void fmtKeepsCrlfAndTheByteOrderMarkAndTurnsLoneCrIntoLf() {
    String formatted = DslFormatter.format(new SourceFile("a.lbc", DSL), new Diagnostics());
    assertEquals(DSL, formatted, "the fixture is formatted");
    assertEquals(with(DSL, "\r\n"), format(with(DSL, "\r\n")));
    assertEquals(DSL, format(with(DSL, "\r")));
    assertEquals("\uFEFF" + DSL, format("\uFEFF" + DSL));
    assertEquals("\uFEFF" + with(DSL, "\r\n"), format("\uFEFF" + with(DSL, "\r\n")));
  }

  /** What {@code lbc fmt} writes for these bytes. */
  private static String format(String text) {
    SourceText source = SourceText.decode("a.lbc", text.getBytes(StandardCharsets.UTF_8));
    String out = DslFormatter.format(source, new Diagnostics());
    return out;
  }
}
