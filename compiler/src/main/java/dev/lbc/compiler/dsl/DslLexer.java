package dev.lbc.compiler.dsl;

import dev.lbc.grammar.LbcLexer;
import dev.lbc.grammar.LbcParser;
import java.util.HashMap;
import java.util.Map;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/**
 * The tokens of {@code Lbc.g4}'s lexer, scanned by hand. The generated lexer simulates an ATN in
 * which every one of some fifty keywords competes with {@code WORD} character by character, and
 * builds its DFA cold on each run: about 10 ms of a cold lint of the DSL examples, with 3 more for
 * deserialising that ATN. The grammar's lexer is deterministic and total (every character starts
 * exactly one rule), so a word is scanned once and its text looked up among the keywords, which is
 * what the longest-match rule and the keywords' precedence over {@code WORD} give. {@code
 * DslLexerTest} holds it to the generated lexer, token for token.
 */
final class DslLexer implements TokenSource {
  /** Keyword and punctuation text to token type, from the grammar's own vocabulary. */
  private static final Map<String, Integer> LITERALS = literals();

  private final CharStream input;
  private final Pair<TokenSource, CharStream> source;
  private TokenFactory<?> factory = CommonTokenFactory.DEFAULT;
  private int line = 1;
  private int column;

  DslLexer(CharStream input) {
    this.input = input;
    this.source = new Pair<>(this, input);
  }

  private static Map<String, Integer> literals() {
    Map<String, Integer> literals = new HashMap<>();
    for (int type = 1; type <= LbcParser.VOCABULARY.getMaxTokenType(); type++) {
      String literal = LbcParser.VOCABULARY.getLiteralName(type);
      if (literal != null) {
        literals.put(literal.substring(1, literal.length() - 1), type);
      }
    }
    return literals;
  }

  @Override
  public Token nextToken() {
    int start = input.index();
    int startLine = line;
    int startColumn = column;
    int c = input.LA(1);
    if (c == CharStream.EOF) {
      return factory.create(
          source, Token.EOF, null, Token.DEFAULT_CHANNEL, start, start - 1, line, column);
    }
    int type;
    int channel = Token.DEFAULT_CHANNEL;
    if (isSpace(c)) {
      while (isSpace(input.LA(1))) {
        consume();
      }
      type = LbcLexer.WS;
      channel = Token.HIDDEN_CHANNEL;
    } else if (c == '#') {
      while (!isLineEnd(input.LA(1)) && input.LA(1) != CharStream.EOF) {
        consume();
      }
      type = LbcLexer.COMMENT;
      channel = Token.HIDDEN_CHANNEL;
    } else if (c == '"') {
      type = string();
    } else if (c == '{' || c == '}' || c == ',') {
      consume();
      type = LITERALS.get(String.valueOf((char) c));
    } else {
      while (isWordChar(input.LA(1))) {
        consume();
      }
      type = LITERALS.getOrDefault(input.getText(interval(start)), LbcLexer.WORD);
    }
    return factory.create(
        source, type, null, channel, start, input.index() - 1, startLine, startColumn);
  }

  /** STRING up to its closing quote, or UNTERMINATED_STRING up to where that cannot follow. */
  private int string() {
    consume();
    while (true) {
      int c = input.LA(1);
      if (c == '"') {
        consume();
        return LbcLexer.STRING;
      }
      if (c == '\\' && (input.LA(2) == '"' || input.LA(2) == '\\')) {
        consume();
        consume();
      } else if (c == '\\' || isLineEnd(c) || c == CharStream.EOF) {
        return LbcLexer.UNTERMINATED_STRING;
      } else {
        consume();
      }
    }
  }

  /** As the generated lexer counts: a new line after LF only, columns in code points. */
  private void consume() {
    if (input.LA(1) == '\n') {
      line++;
      column = 0;
    } else {
      column++;
    }
    input.consume();
  }

  private org.antlr.v4.runtime.misc.Interval interval(int start) {
    return org.antlr.v4.runtime.misc.Interval.of(start, input.index() - 1);
  }

  private static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || isLineEnd(c);
  }

  private static boolean isLineEnd(int c) {
    return c == '\r' || c == '\n';
  }

  private static boolean isWordChar(int c) {
    return c != CharStream.EOF
        && !isSpace(c)
        && c != '{'
        && c != '}'
        && c != ','
        && c != '"'
        && c != '#';
  }

  @Override
  public int getLine() {
    return line;
  }

  @Override
  public int getCharPositionInLine() {
    return column;
  }

  @Override
  public CharStream getInputStream() {
    return input;
  }

  @Override
  public String getSourceName() {
    return input.getSourceName();
  }

  @Override
  public void setTokenFactory(TokenFactory<?> factory) {
    this.factory = factory;
  }

  @Override
  public TokenFactory<?> getTokenFactory() {
    return factory;
  }
}
