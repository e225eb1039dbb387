package dev.lbc.compiler.dsl;

import dev.lbc.compiler.catalog.LanguageRules;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Diagnostics;
import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.Limits;
import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.source.Span;
import dev.lbc.compiler.tree.DataNode;
import dev.lbc.compiler.tree.MapNode;
import dev.lbc.compiler.tree.ScalarNode;
import dev.lbc.compiler.tree.SeqNode;
import dev.lbc.grammar.LbcLexer;
import dev.lbc.grammar.LbcParser;
import dev.lbc.grammar.LbcParser.*;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Reads the DSL into the same data tree the YAML reader produces, so both forms share the schema,
 * the model builder and every diagnostic after syntax. Statement keywords give the spans of the
 * keys; values keep their own spans, down to the port inside {@code 192.168.30.10:443}.
 */
public final class DslReader {
  private final SourceFile file;
  private final Diagnostics diagnostics;

  private DslReader(SourceFile file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  /**
   * Reads a small deployment, so that the parser's tables (the grammar's ATN, read when its class
   * is initialised) are built and the reading paths run once: for a command about to read DSL
   * files, on a thread of its own while it starts (docs/performance.md, "Cold lint").
   */
  public static void prepare() {
    read(
        new SourceFile(
            "(prepare)",
            "deployment d exchange se {\n  server S 10.0.0.1\n"
                + "  service V 10.0.0.9:443 dr layer 4 tcp {\n    real S:443 weight 100\n  }\n}\n"),
        new Diagnostics());
  }

  /** Reads {@code file}; returns the root node, or null after reporting syntax errors. */
  public static DataNode read(SourceFile file, Diagnostics diagnostics) {
    return new DslReader(file, diagnostics).run();
  }

  private DataNode run() {
    // The lexer counts lines at LF only; with every line ending written as LF its lines are the
    // index's lines, whatever the file used (CR-only files were one long line to it).
    // Every character starts a token of the grammar's lexer, so lexing reports no errors.
    DslLexer lexer =
        new DslLexer(CharStreams.fromString(file.index().withLf(), file.displayPath()));
    SyntaxErrors errors = new SyntaxErrors(file, diagnostics);
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    if (!prescan(tokens.getTokens())) {
      return null;
    }
    FileContext tree = parse(tokens, errors);
    if (errors.count() > 0) {
      return null;
    }
    return deployment(tree.deployment());
  }

  /**
   * Parses first without error recovery, in SLL prediction: the default strategy's {@code sync}
   * before every loop and optional part computes the tokens that may follow (ATN.nextTokens), cold
   * on every run. Only a file that does not parse so is parsed again as before, with recovery and
   * the errors reported as they always were.
   */
  private static FileContext parse(CommonTokenStream tokens, SyntaxErrors errors) {
    LbcParser parser = new LbcParser(tokens);
    parser.removeErrorListeners();
    parser.setErrorHandler(new BailErrorStrategy());
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    try {
      return parser.file();
    } catch (ParseCancellationException e) {
      tokens.seek(0);
      parser.reset();
      parser.setErrorHandler(new DefaultErrorStrategy());
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.addErrorListener(errors);
      return parser.file();
    }
  }

  /** Depth and unterminated strings, before the parser sees the tokens (LBC005, LBC001). */
  private boolean prescan(List<Token> tokens) {
    int depth = 0;
    boolean ok = true;
    for (Token t : tokens) {
      if (t.getType() == LbcLexer.UNTERMINATED_STRING) {
        diagnostics.report(
            error(
                    LanguageRules.SYNTAX.id(),
                    span(t),
                    "this string is not closed before the end of the line")
                .withHelp("add the closing `\"`; strings cannot span lines"));
        ok = false;
      } else if ("{".equals(t.getText()) && t.getType() != LbcLexer.STRING) {
        if (++depth > Limits.MAX_DEPTH) {
          diagnostics.report(
              error(
                      LanguageRules.LIMITS.id(),
                      span(t),
                      "blocks are nested deeper than " + Limits.MAX_DEPTH + " levels")
                  .withHelp("a deployment needs at most two levels: deployment and service"));
          return false;
        }
      } else if ("}".equals(t.getText())) {
        depth = Math.max(0, depth - 1);
      }
    }
    return ok;
  }

  private MapNode deployment(DeploymentContext ctx) {
    Span whole = span(ctx);
    MapBuilder root = new MapBuilder(whole, "deployment", diagnostics);
    Span head = span(ctx.getStart());
    root.put("lbc", head, new ScalarNode(head, "1", false));
    root.put("name", head, scalar(ctx.name));
    root.put("exchange", span(ctx.getChild(2)), scalar(ctx.version));
    if (ctx.cu != null) {
      root.put("cu", span(ctx.getChild(4)), scalar(ctx.cu));
    }
    MapBuilder appliances = new MapBuilder(whole, "appliances", diagnostics);
    MapBuilder tuning = null;
    for (StatementContext s : ctx.statement()) {
      Span key = span(s.getStart());
      if (s instanceof AuthStmtContext a) {
        root.put("auth", key, scalar(a.word()));
      } else if (s instanceof ExtendedProtectionStmtContext e) {
        root.put("extended-protection", key, flag(e.flag, e.getStart()));
      } else if (s instanceof ServersTcpKeepaliveStmtContext k) {
        root.put("servers-tcp-keepalive", key, scalar(k.word()));
      } else if (s instanceof ApplianceStmtContext a) {
        appliance(a, appliances);
      } else if (s instanceof FloatingIpStmtContext f) {
        f.word().forEach(w -> appliances.add("floating-ips", key, scalar(w)));
      } else if (s instanceof InterfaceStmtContext i) {
        MapBuilder m = new MapBuilder(span(i), "interface", diagnostics);
        m.put("name", key, scalar(i.name));
        m.put("address", span(i.address), scalar(i.address));
        if (i.secondary != null) {
          m.put("secondary-address", span(i.secondary), scalar(i.secondary));
        }
        appliances.add("interfaces", key, m.build());
      } else if (s instanceof AdminPasswordHashStmtContext h) {
        appliances.put("admin-password-hash", key, value(h.value()));
      } else if (s instanceof AdminPasswordStmtContext p) {
        appliances.put("admin-password", key, value(p.value()));
      } else if (s instanceof VrrpIdStmtContext v) {
        appliances.put("vrrp-id", key, scalar(v.word()));
      } else if (s instanceof ServerStmtContext sv) {
        root.add("servers", key, server(sv));
      } else if (s instanceof CertificateStmtContext c) {
        MapBuilder m = new MapBuilder(span(c), "certificate", diagnostics);
        m.put("name", key, scalar(c.name));
        m.put(c.pfx != null ? "pfx" : "pem", span(c.path), value(c.path));
        if (c.password != null) {
          m.put("password", span(c.password), value(c.password));
        }
        root.add("certificates", key, m.build());
      } else if (s instanceof NamespaceStmtContext n) {
        root.add("namespaces", key, namespace(n));
      } else if (s instanceof ServiceStmtContext sv) {
        root.add("services", key, service(sv));
      } else if (s instanceof TuningStmtContext t) {
        if (tuning == null) {
          tuning = new MapBuilder(span(t), "tuning", diagnostics);
        }
        tuning.put("request-buffer", span(t.getChild(1)), scalar(t.word()));
      }
    }
    root.put("appliances", whole, appliances.build());
    if (tuning != null) {
      root.put("tuning", tuning.build().span(), tuning.build());
    }
    return root.build();
  }

  private void appliance(ApplianceStmtContext a, MapBuilder appliances) {
    MapBuilder m = new MapBuilder(span(a), "appliance", diagnostics);
    m.put("hostname", span(a.getStart()), scalar(a.hostname));
    m.put("address", span(a.address), scalar(a.address));
    if (a.iface != null) {
      m.put("interface", span(a.iface), scalar(a.iface));
    }
    String role = a.role.getText();
    if (!role.equals("primary") && !role.equals("secondary")) {
      diagnostics.report(
          error(
                  LanguageRules.SCHEMA.id(),
                  span(a.role),
                  "an appliance is `primary` or `secondary`, found " + Messages.quote(role))
              .withHelp("end the statement with primary or secondary"));
      return;
    }
    appliances.put(role, span(a.role), m.build());
  }

  private MapNode server(ServerStmtContext s) {
    MapBuilder m = new MapBuilder(span(s), "server", diagnostics);
    m.put("name", span(s.getStart()), scalar(s.name));
    m.put("address", span(s.address), scalar(s.address));
    if (s.os != null) {
      m.put("os", span(s.os), plain(s.os));
    }
    if (s.serverBody() != null) {
      MapBuilder adapters = null;
      for (ServerItemContext item : s.serverBody().serverItem()) {
        Span key = span(item.getStart());
        if (item instanceof GatewayItemContext g) {
          m.put("gateway", key, scalar(g.word()));
        } else if (item instanceof LanAdapterItemContext l) {
          adapters =
              adapters == null ? new MapBuilder(span(item), "adapters", diagnostics) : adapters;
          adapters.put("lan", key, value(l.value()));
        } else if (item instanceof LoopbackAdapterItemContext l) {
          adapters =
              adapters == null ? new MapBuilder(span(item), "adapters", diagnostics) : adapters;
          adapters.put("loopback", key, value(l.value()));
        } else if (item instanceof ArpItemContext a) {
          m.put("arp", key, scalar(a.word()));
        } else if (item instanceof LoopbackItemContext l) {
          l.word().forEach(w -> m.add("loopback", key, scalar(w)));
        }
      }
      if (adapters != null) {
        MapNode built = adapters.build();
        m.put("adapters", built.span(), built);
      }
    }
    return m.build();
  }

  private MapNode namespace(NamespaceStmtContext n) {
    MapBuilder m = new MapBuilder(span(n), "namespace", diagnostics);
    m.put("host", span(n.getStart()), scalar(n.host));
    m.put("service", span(n.service), scalar(n.service));
    List<WordContext> words = n.word();
    for (int i = 2; i < words.size(); i++) {
      m.add("purpose", span(words.get(i)), scalar(words.get(i)));
    }
    return m.build();
  }

  private MapNode service(ServiceStmtContext s) {
    MapBuilder m = new MapBuilder(span(s), "service", diagnostics);
    m.put("name", span(s.getStart()), scalar(s.name));
    endpoint(s.endpoint, m);
    List<WordContext> words = s.word();
    int extra = words.indexOf(s.endpoint) + 1;
    for (int i = extra; i < words.size() && words.get(i) != s.forwarding; i++) {
      m.add("ports", span(words.get(i)), scalar(words.get(i)));
    }
    m.put("mode", span(s.forwarding), scalar(s.forwarding));
    if (s.layer != null) {
      m.put("layer", span(s.layer), scalar(s.layer));
    }
    if (s.protocol != null) {
      m.put("protocol", span(s.protocol), plain(s.protocol));
    }
    if (s.serviceBody() != null) {
      MapBuilder vdirTimeouts = null;
      Span vdirTimeoutsKey = null;
      for (ServiceItemContext item : s.serviceBody().serviceItem()) {
        if (item instanceof VdirTimeoutsItemContext v) {
          // One statement per vdir, gathered into the one vdir-timeouts mapping; a vdir given
          // twice is a repeated key of it (LBC004), as in YAML.
          if (vdirTimeouts == null) {
            vdirTimeoutsKey = span(v.getStart());
            vdirTimeouts = new MapBuilder(span(v), "vdir-timeouts", diagnostics);
          }
          vdirTimeouts.put(v.vdir.getText(), span(v.vdir), timeouts(v, v.timeoutOption()));
        } else {
          serviceItem(item, m);
        }
      }
      if (vdirTimeouts != null) {
        m.put("vdir-timeouts", vdirTimeoutsKey, vdirTimeouts.build());
      }
    }
    return m.build();
  }

  /** Splits {@code 192.168.30.10:443} or {@code [2001:db8::10]:443} into vip and first port. */
  private void endpoint(WordContext w, MapBuilder m) {
    String text = w.getText();
    Span at = span(w);
    int portStart;
    String vip;
    int vipOffset = 0;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
        diagnostics.report(
            error(
                LanguageRules.SCHEMA.id(),
                at,
                "expected an IPv6 VIP and port like [2001:db8::10]:443, found "
                    + Messages.quote(text)));
        return;
      }
      vip = text.substring(1, close);
      vipOffset = 1;
      portStart = close + 2;
    } else {
      int colon = text.indexOf(':');
      if (colon < 0) {
        diagnostics.report(
            error(
                    LanguageRules.SCHEMA.id(),
                    at,
                    "the VIP needs a port: write " + Messages.quote(text + ":443"))
                .withHelp("list several ports with commas: 192.168.30.10:143,993"));
        return;
      }
      if (text.indexOf(':', colon + 1) >= 0) {
        diagnostics.report(
            error(
                    LanguageRules.SCHEMA.id(),
                    at,
                    "put an IPv6 VIP in brackets before its port: [2001:db8::10]:443")
                .withLabel("ambiguous address and port"));
        return;
      }
      vip = text.substring(0, colon);
      portStart = colon + 1;
    }
    m.put(
        "vip",
        at.slice(vipOffset, cp(vip)),
        new ScalarNode(at.slice(vipOffset, cp(vip)), vip, false));
    String port = text.substring(portStart);
    Span portSpan = at.slice(cp(text.substring(0, portStart)), cp(port));
    m.add("ports", portSpan, new ScalarNode(portSpan, port, false));
  }

  private void serviceItem(ServiceItemContext item, MapBuilder m) {
    Span key = span(item.getStart());
    if (item instanceof BalanceItemContext b) {
      m.put("balance", key, scalar(b.word()));
    } else if (item instanceof PersistenceItemContext p) {
      m.put("persistence", key, scalar(p.word()));
    } else if (item instanceof CheckItemContext c) {
      MapBuilder check = new MapBuilder(span(c), "check", diagnostics);
      check.put("type", key, scalar(c.type));
      if (c.path != null) {
        check.put(
            "path",
            span(c.path),
            c.path.STRING() != null
                ? string(c.path.STRING().getSymbol())
                : plain(c.path.WORD().getSymbol()));
      }
      for (CheckOptionContext o : c.checkOption()) {
        check.put(o.key.getText(), span(o.key), scalar(o.word()));
      }
      m.put("health-check", key, check.build());
    } else if (item instanceof TimeoutsItemContext t) {
      m.put("timeouts", key, timeouts(t, t.timeoutOption()));
    } else if (item instanceof VdirsItemContext v) {
      List<DataNode> vdirs = new ArrayList<>();
      v.word().forEach(w -> vdirs.add(scalar(w)));
      m.put(
          "vdirs", key, new SeqNode(span(v.word(0)).to(span(v.word(v.word().size() - 1))), vdirs));
    } else if (item instanceof SslItemContext s) {
      MapBuilder ssl = new MapBuilder(span(s), "ssl", diagnostics);
      ssl.put("offload", span(s.getChild(1)), scalar(s.cert));
      if (s.getChildCount() > 3) {
        Token reencrypt = ((org.antlr.v4.runtime.tree.TerminalNode) s.getChild(3)).getSymbol();
        ssl.put("reencrypt", span(reencrypt), flag(s.flag, reencrypt));
      }
      m.put("ssl", key, ssl.build());
    } else if (item instanceof XffItemContext x) {
      m.put("x-forwarded-for", key, flag(x.flag, x.getStart()));
    } else if (item instanceof RedirectItemContext r) {
      m.put("redirect", key, scalar(r.word()));
    } else if (item instanceof LockdownItemContext l) {
      MapBuilder lockdown = new MapBuilder(span(l), "lockdown", diagnostics);
      l.word().forEach(w -> lockdown.add("allow", span(l.getChild(1)), scalar(w)));
      m.put("lockdown", key, lockdown.build());
    } else if (item instanceof RealItemContext r) {
      for (RealContext real : r.real()) {
        m.add("real-servers", key, real(real));
      }
    }
  }

  private MapNode timeouts(ParserRuleContext at, List<TimeoutOptionContext> options) {
    MapBuilder timeouts = new MapBuilder(span(at), "timeouts", diagnostics);
    for (TimeoutOptionContext o : options) {
      timeouts.put(o.key.getText(), span(o.key), scalar(o.word()));
    }
    return timeouts.build();
  }

  private MapNode real(RealContext r) {
    MapBuilder m = new MapBuilder(span(r), "real server", diagnostics);
    String text = r.target.getText();
    Span at = span(r.target);
    int colon = text.lastIndexOf(':');
    String server = colon < 0 ? text : text.substring(0, colon);
    Span serverSpan = at.slice(0, cp(server));
    m.put("server", serverSpan, new ScalarNode(serverSpan, server, true));
    if (colon >= 0) {
      String port = text.substring(colon + 1);
      Span portSpan = at.slice(cp(server) + 1, cp(port));
      m.put("port", portSpan, new ScalarNode(portSpan, port, false));
    }
    for (RealOptionContext o : r.realOption()) {
      m.put(o.key.getText(), span(o.key), scalar(o.word()));
    }
    return m.build();
  }

  /** A flag keyword alone means true; otherwise its value is typed like any plain scalar. */
  private ScalarNode flag(Token value, Token keyword) {
    return value == null ? new ScalarNode(span(keyword), "true", false) : plain(value);
  }

  private ScalarNode scalar(WordContext w) {
    return word(span(w), w.getText());
  }

  /** A bare word: typed like a plain YAML scalar, except that the DSL has no null literal. */
  private static ScalarNode word(Span at, String text) {
    boolean nullWord = text.equals("null") || text.equals("~");
    return new ScalarNode(at, text, nullWord);
  }

  private ScalarNode value(ValueContext v) {
    return v.STRING() != null ? string(v.STRING().getSymbol()) : scalar(v.word());
  }

  private ScalarNode plain(Token t) {
    return word(span(t), t.getText());
  }

  private ScalarNode string(Token t) {
    String raw = t.getText();
    String body = raw.substring(1, raw.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    return new ScalarNode(span(t), body, true);
  }

  private Span span(Token t) {
    return Span.of(file, t.getLine(), t.getCharPositionInLine() + 1, cp(t.getText()));
  }

  private Span span(org.antlr.v4.runtime.tree.ParseTree tree) {
    if (tree instanceof org.antlr.v4.runtime.tree.TerminalNode terminal) {
      return span(terminal.getSymbol());
    }
    ParserRuleContext ctx = (ParserRuleContext) tree;
    Span start = span(ctx.getStart());
    Token stop = ctx.getStop() == null ? ctx.getStart() : ctx.getStop();
    return start.to(span(stop));
  }

  private static int cp(String s) {
    return s.codePointCount(0, s.length());
  }

  private static Diagnostic error(String code, Span span, String message) {
    return Diagnostic.of(code, Severity.ERROR, span, message);
  }
}
