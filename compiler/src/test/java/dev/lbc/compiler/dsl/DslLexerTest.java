package dev.lbc.compiler.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lbc.grammar.LbcLexer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.junit.jupiter.api.Test;

/**
 * The hand-written lexer the reader uses gives the tokens of the grammar's generated lexer: type,
 * channel, offsets, line, column and text of each, up to and including the end of the file.
 */
class DslLexerTest {

  @Test
  void everyDslFileOfTheRepositoryLexesAsTheGrammarSays() throws IOException {
    List<Path> files = dslFiles();
    assertFalse(files.isEmpty(), "no .lbc files found under examples/ and golden/");
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      assertEquals(generated(text), handWritten(text), f.toString());
    }
  }

  @Test
  void edgeCasesLexAsTheGrammarSays() {
    for (String text :
        List.of(
            "",
            "deployment",
            "deploymentx deployment-x -> ->x x-> - >",
            "a{b}c,d\"e\"f#g\nh",
            "\"unterminated\n\"ok\" \"esc \\\" \\\\ \" \"bad \\x\" \"end\\",
            "\"trailing backslash\\\"",
            "tab\there\r\nCR\ronly\n\n  # comment at end",
            "ünïcödé 𝔘𝔫𝔦 server\t{ real 𝔵:443 weight 2 }",
            "#",
            "\"",
            "{{{}}},,,")) {
      assertEquals(generated(text), handWritten(text), text);
    }
  }

  @Property(tries = 2000)
  void anyTextLexesAsTheGrammarSays(@ForAll("dslLike") String text) {
    assertEquals(generated(text), handWritten(text), text);
  }

  @Provide
  Arbitrary<String> dslLike() {
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            Arbitraries.of(
                "deployment",
                "service",
                "real",
                "->",
                "-",
                ">",
                "{",
                "}",
                ",",
                "\"",
                "\\",
                "#",
                " ",
                "\t",
                "\r",
                "\n",
                "\r\n",
                "x",
                "443",
                "𝔘",
                "é",
                "for",
                "password",
                "pfx"),
            Arbitraries.strings().ofMaxLength(3));
    return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  private static List<String> generated(String text) {
    return tokens(new LbcLexer(CharStreams.fromString(text)));
  }

  private static List<String> handWritten(String text) {
    return tokens(new DslLexer(CharStreams.fromString(text)));
  }

  private static List<String> tokens(TokenSource source) {
    List<String> out = new ArrayList<>();
    while (true) {
      Token t = source.nextToken();
      out.add(
          t.getType()
              + "/"
              + t.getChannel()
              + " "
              + t.getStartIndex()
              + ".."
              + t.getStopIndex()
              + " @"
              + t.getLine()
              + ":"
              + t.getCharPositionInLine()
              + " "
              + t.getText());
      if (t.getType() == Token.EOF) {
        return out;
      }
    }
  }

  private static List<Path> dslFiles() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.isDirectory(root.resolve("examples"))) {
      root = root.getParent();
    }
    if (root == null) {
      throw new IllegalStateException("no examples/ above " + Path.of("").toAbsolutePath());
    }
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("examples", "golden")) {
      try (Stream<Path> s = Files.walk(root.resolve(dir))) {
        s.filter(p -> p.toString().endsWith(".lbc")).sorted().forEach(files::add);
      }
    }
    return files;
  }
}
