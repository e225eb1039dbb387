package dev.lbc.compiler.dsl;

import dev.lbc.compiler.catalog.LanguageRules;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Diagnostics;
import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.Limits;
import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.source.Span;
import dev.lbc.grammar.LbcLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into LBC001 diagnostics that say, in plain words, what may stand at
 * the error and what was found. The parser recovers and goes on, so several errors in one file are
 * all reported, up to {@link Limits#MAX_SYNTAX_ERRORS}.
 */
final class SyntaxErrors extends BaseErrorListener {
  private final SourceFile file;
  private final Diagnostics diagnostics;
  private int count;

  SyntaxErrors(SourceFile file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  int count() {
    return count;
  }

  @Override
  public void syntaxError(
      Recognizer<?, ?> recognizer,
      Object offendingSymbol,
      int line,
      int charPositionInLine,
      String msg,
      RecognitionException e) {
    Token token = offendingSymbol instanceof Token t ? t : null;
    if (token != null && token.getType() == LbcLexer.UNTERMINATED_STRING) {
      count++;
      return; // already reported, with a better message, by the prescan
    }
    if (++count > Limits.MAX_SYNTAX_ERRORS) {
      if (count == Limits.MAX_SYNTAX_ERRORS + 1) {
        diagnostics.report(
            Diagnostic.of(
                LanguageRules.SYNTAX.id(),
                Severity.ERROR,
                Span.of(file, line, charPositionInLine + 1, 1),
                "too many syntax errors; stopping here"));
      }
      return;
    }
    int length =
        token == null || token.getType() == Token.EOF
            ? 1
            : Math.max(1, token.getText().codePointCount(0, token.getText().length()));
    Span span = Span.of(file, line, charPositionInLine + 1, length);
    if (token != null
        && token.getType() == Token.EOF
        && recognizer instanceof Parser parser
        && parser.getInputStream().LT(-1) != null) {
      // Point just past the last word, not at an empty line after it.
      Token last = parser.getInputStream().LT(-1);
      span =
          Span.of(
              file,
              last.getLine(),
              last.getCharPositionInLine()
                  + 1
                  + last.getText().codePointCount(0, last.getText().length()),
              1);
    }
    String found =
        token == null
            ? "this character"
            : token.getType() == Token.EOF
                ? "the end of the file"
                : Messages.quote(token.getText());
    String message;
    if (recognizer instanceof Parser parser) {
      message =
          "expected "
              + describe(parser.getExpectedTokens(), parser.getVocabulary())
              + ", found "
              + found;
    } else {
      message = "unexpected " + found;
    }
    diagnostics.report(Diagnostic.of(LanguageRules.SYNTAX.id(), Severity.ERROR, span, message));
  }

  /** "a name or value", or the keywords and punctuation that may stand here. */
  private static String describe(IntervalSet expected, Vocabulary vocabulary) {
    if (expected.contains(LbcLexer.WORD)) {
      return expected.contains(LbcLexer.STRING)
          ? "a name, value or quoted string"
          : "a name or value";
    }
    List<String> words = new ArrayList<>();
    for (int type : expected.toList()) {
      if (type == Token.EOF) {
        words.add("the end of the file");
      } else if (type == LbcLexer.STRING) {
        words.add("a quoted string");
      } else {
        String literal = vocabulary.getLiteralName(type);
        words.add(
            literal != null
                ? "`" + literal.substring(1, literal.length() - 1) + "`"
                : vocabulary.getDisplayName(type));
      }
    }
    if (words.isEmpty()) {
      return "something else";
    }
    if (words.size() == 1) {
      return words.get(0);
    }
    return "one of "
        + String.join(", ", words.subList(0, words.size() - 1))
        + " or "
        + words.get(words.size() - 1);
  }
}
