package dev.lbc.compiler.dsl;

import dev.lbc.compiler.diag.Diagnostics;
import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.source.SourceText;
import dev.lbc.grammar.LbcLexer;
import dev.lbc.grammar.LbcParser;
import dev.lbc.grammar.LbcParser.DeploymentContext;
import dev.lbc.grammar.LbcParser.FileContext;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * {@code lbc fmt}: the canonical layout of a DSL file, keeping every comment and the order the
 * author chose. One statement per line, two spaces per block level, single spaces between words,
 * {@code a, b} lists, at most one blank line where the author left one. Idempotent.
 */
public final class DslFormatter {
  private final CommonTokenStream tokens;
  private final StringBuilder out = new StringBuilder();
  private int lastEmitted = -1;
  private boolean glue;

  private DslFormatter(CommonTokenStream tokens) {
    this.tokens = tokens;
  }

  /**
   * The formatted file as {@code lbc fmt} writes it: its byte order mark kept if it had one, and
   * CRLF line endings kept if its first line used them (a Windows checkout stays one); LF
   * otherwise, lone CRs included. Null if the file has syntax errors.
   */
  public static String format(SourceText source, Diagnostics diagnostics) {
    String formatted = format(source.file(), diagnostics);
    return formatted == null ? null : source.restore(formatted);
  }

  /**
   * The formatted text with LF line endings, or null if the file has syntax errors (reported to
   * diagnostics).
   */
  public static String format(SourceFile file, Diagnostics diagnostics) {
    if (DslReader.read(file, diagnostics) == null && diagnostics.hasErrors()) {
      return null;
    }
    LbcLexer lexer = new LbcLexer(CharStreams.fromString(file.index().withLf()));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    LbcParser parser = new LbcParser(tokens);
    parser.removeErrorListeners();
    FileContext tree = parser.file();
    DslFormatter f = new DslFormatter(tokens);
    f.deployment(tree.deployment());
    f.comments(tree.EOF().getSymbol(), 0, false);
    return f.out.toString();
  }

  private void deployment(DeploymentContext d) {
    comments(d.getStart(), 0, false);
    block(d, 0);
  }

  /** A context that may hold a brace block: its head on one line, then its items, then "}". */
  private void block(ParserRuleContext ctx, int indent) {
    StringBuilder head = new StringBuilder();
    Token open = null;
    ParserRuleContext body = null;
    for (ParseTree child : ctx.children) {
      if (child instanceof TerminalNode t && t.getText().equals("{")) {
        open = t.getSymbol();
        body = ctx;
        break;
      }
      if (child instanceof ParserRuleContext c
          && c.getStart() != null
          && c.getStart().getText().equals("{")
          && isBody(c)) {
        open = c.getStart();
        body = c;
        break;
      }
      words(child, head);
    }
    indent(indent).append(head);
    if (open == null) {
      trailing(ctx.getStop());
      out.append('\n');
      return;
    }
    out.append(" {");
    trailing(open);
    out.append('\n');
    Token close = null;
    boolean inside = false;
    for (ParseTree child : body.children) {
      if (child instanceof TerminalNode t && t.getText().equals("{") && !inside) {
        inside = true;
        continue;
      }
      if (!inside) {
        continue;
      }
      if (child instanceof TerminalNode t && t.getText().equals("}")) {
        close = t.getSymbol();
        break;
      }
      ParserRuleContext item = (ParserRuleContext) child;
      comments(item.getStart(), indent + 1, true);
      block(item, indent + 1);
    }
    if (close != null) {
      comments(close, indent + 1, false);
      indent(indent).append('}');
      trailing(close);
      out.append('\n');
    }
  }

  private static boolean isBody(ParserRuleContext c) {
    return c instanceof LbcParser.ServerBodyContext || c instanceof LbcParser.ServiceBodyContext;
  }

  private void words(ParseTree node, StringBuilder line) {
    if (node instanceof TerminalNode t) {
      String text = t.getText();
      if (t.getSymbol().getType() == Token.EOF) {
        return;
      }
      if (text.equals(",")) {
        line.append(',');
        // ports after a VIP read as one endpoint: 192.168.30.10:143,993
        glue = t.getParent() instanceof LbcParser.ServiceStmtContext;
      } else {
        if (line.length() > 0 && !glue) {
          line.append(' ');
        }
        line.append(text);
        glue = false;
      }
      lastEmitted = Math.max(lastEmitted, t.getSymbol().getTokenIndex());
      return;
    }
    for (int i = 0; i < node.getChildCount(); i++) {
      words(node.getChild(i), line);
    }
  }

  /** Comments before {@code token} on lines of their own, and a blank line if one was there. */
  private void comments(Token token, int indent, boolean keepBlank) {
    List<Token> hidden = tokens.getHiddenTokensToLeft(token.getTokenIndex());
    boolean blank = false;
    if (hidden != null) {
      for (Token h : hidden) {
        if (h.getTokenIndex() <= lastEmitted) {
          continue;
        }
        if (h.getType() == LbcLexer.WS) {
          if (h.getText().chars().filter(c -> c == '\n').count() >= 2) {
            blank = true;
          }
          continue;
        }
        if (blank && out.length() > 0 && !out.toString().endsWith("{\n")) {
          out.append('\n');
        }
        blank = false;
        indent(indent).append(h.getText().stripTrailing()).append('\n');
        lastEmitted = h.getTokenIndex();
      }
    }
    if (keepBlank && blank && out.length() > 0 && !out.toString().endsWith("{\n")) {
      out.append('\n');
    }
  }

  /** A comment on the same line after {@code token}, kept there. */
  private void trailing(Token token) {
    List<Token> hidden = tokens.getHiddenTokensToRight(token.getTokenIndex());
    if (hidden == null) {
      return;
    }
    for (Token h : hidden) {
      if (h.getType() == LbcLexer.WS) {
        if (h.getText().indexOf('\n') >= 0) {
          return;
        }
        continue;
      }
      out.append("  ").append(h.getText().stripTrailing());
      lastEmitted = h.getTokenIndex();
      return;
    }
  }

  private StringBuilder indent(int level) {
    return out.append("  ".repeat(level));
  }
}
