package dev.lbc.compiler.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.lbc.compiler.catalog.LanguageRules;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Diagnostics;
import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.Limits;
import dev.lbc.compiler.source.LineIndex;
import dev.lbc.compiler.source.SourceFile;
import dev.lbc.compiler.source.Span;
import dev.lbc.compiler.tree.DataNode;
import dev.lbc.compiler.tree.MapNode;
import dev.lbc.compiler.tree.ScalarNode;
import dev.lbc.compiler.tree.SeqNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML into a {@link DataNode} tree with the span of every node, through Jackson's streaming
 * parser (which never expands aliases itself). This reader enforces what the YAML library would let
 * through: nesting depth, alias count and expansion, explicit tags, duplicate keys and more than
 * one document. YAML 1.1 typing never reaches the tree: plain scalars keep their text and are typed
 * strictly by {@link ScalarNode#value()}.
 */
public final class YamlReader {
  private static final YAMLFactory FACTORY = newFactory();

  private final SourceFile file;
  private final Diagnostics diagnostics;
  private final Map<String, DataNode> anchors = new HashMap<>();
  private final Map<DataNode, Integer> sizes = new IdentityHashMap<>();
  private YAMLParser parser;
  private int aliases;
  private int nodes;

  /** Thrown internally to stop reading once a limit is hit; never escapes this class. */
  private static final class Abort extends Exception {
    private static final long serialVersionUID = 1L;

    Abort() {
      super(null, null, false, false);
    }
  }

  private YamlReader(SourceFile file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  private static YAMLFactory newFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(2 * Limits.MAX_FILE_BYTES);
    options.setNestingDepthLimit(Limits.MAX_DEPTH + 8);
    options.setMaxAliasesForCollections(Limits.MAX_ALIASES);
    // duplicates are detected here, at the second key, with both spans (LBC004)
    options.setAllowDuplicateKeys(true);
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  /**
   * Reads a small document, so that the YAML library's classes are initialised and its reading
   * paths run once: for a command about to read deployments, on a thread of its own while it starts
   * (docs/performance.md, "Cold lint").
   */
  public static void prepare() {
    read(new SourceFile("(prepare)", "lbc: 1\nname: a\nlist: [1, {a: 'b'}]\n"), new Diagnostics());
  }

  /** Reads {@code file}; returns the root node, or null after reporting why there is none. */
  public static DataNode read(SourceFile file, Diagnostics diagnostics) {
    return new YamlReader(file, diagnostics).readDocument();
  }

  private DataNode readDocument() {
    if (!breaksLinesAlike()) {
      return null;
    }
    try (YAMLParser p = (YAMLParser) FACTORY.createParser(file.text())) {
      parser = p;
      JsonToken first = p.nextToken();
      if (first == null) {
        report(
            error(LanguageRules.SCHEMA.id(), file.start(), "the file holds no YAML document")
                .withHelp("start from `lbc init`, or see examples/"));
        return null;
      }
      DataNode root = readValue(0);
      JsonToken extra = p.nextToken();
      if (extra != null) {
        report(
            error(
                    LanguageRules.SCHEMA.id(),
                    spanAt(p.currentTokenLocation(), 3),
                    "a deployment file holds one YAML document; a second one starts here")
                .withHelp("move the second document to a file of its own"));
        return null;
      }
      return root;
    } catch (Abort stop) {
      return null;
    } catch (JacksonYAMLParseException e) {
      reportSyntax(e);
      return null;
    } catch (IOException | RuntimeException e) {
      // Any other failure of the YAML library on this input is still a problem of the input,
      // reported where the library stopped.
      JsonLocation at = e instanceof JsonProcessingException j ? j.getLocation() : null;
      String message =
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      report(
          error(
              LanguageRules.SYNTAX.id(),
              at == null ? file.start() : spanAt(at, 1),
              "the YAML parser failed: " + firstLine(message)));
      return null;
    }
  }

  private DataNode readValue(int depth) throws IOException, Abort {
    if (parser.getTypeId() != null) {
      report(
          error(
                  LanguageRules.SCHEMA.id(),
                  spanAt(parser.currentTokenLocation(), 1),
                  "YAML tag " + Messages.quote(tagOf(parser.getTypeId())) + " is not allowed")
              .withNote(
                  "lbc reads plain data; tags such as !!java... could make a YAML library build"
                      + " objects")
              .withHelp("remove the tag; quote the value if it must be read as text"));
      throw new Abort();
    }
    if (++nodes > Limits.MAX_NODES) {
      limit(parser.currentTokenLocation(), "the file has more than " + Limits.MAX_NODES + " nodes");
    }
    String anchor = parser.getObjectId();
    JsonToken token = parser.currentToken();
    DataNode node;
    if (parser.isCurrentAlias()) {
      node = readAlias();
    } else if (token == JsonToken.START_OBJECT) {
      node = readMapping(depth + 1);
    } else if (token == JsonToken.START_ARRAY) {
      node = readSequence(depth + 1);
    } else {
      node = readScalar();
      sizes.put(node, 1);
    }
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private DataNode readAlias() throws IOException, Abort {
    JsonLocation at = parser.currentTokenLocation();
    String name = parser.getText();
    if (++aliases > Limits.MAX_ALIASES) {
      limit(at, "the file uses more than " + Limits.MAX_ALIASES + " YAML aliases");
    }
    DataNode target = anchors.get(name);
    if (target == null) {
      // The YAML library exposes anchors of mappings and lists only, not of scalars.
      report(
          error(
                  LanguageRules.SYNTAX.id(),
                  spanAt(at, name.length() + 1),
                  "alias *" + name + " refers to no anchored mapping or list defined before it")
              .withHelp("anchor a mapping or list (&name) before using *name; write scalars out"));
      return new ScalarNode(spanAt(at, name.length() + 1), "", true);
    }
    int expanded = sizes.getOrDefault(target, 1);
    nodes += expanded;
    if (nodes > Limits.MAX_NODES) {
      limit(at, "alias expansion passes " + Limits.MAX_NODES + " nodes");
    }
    return target;
  }

  private MapNode readMapping(int depth) throws IOException, Abort {
    JsonLocation start = parser.currentTokenLocation();
    checkDepth(depth, start);
    List<MapNode.Entry> entries = new ArrayList<>();
    Map<String, ScalarNode> seen = new HashMap<>();
    int size = 1;
    JsonToken token;
    while ((token = nextKey()) != JsonToken.END_OBJECT) {
      if (token != JsonToken.FIELD_NAME) {
        report(
            error(
                LanguageRules.SYNTAX.id(),
                spanAt(parser.currentTokenLocation(), 1),
                "only plain text keys are supported in a mapping"));
        throw new Abort();
      }
      String name = parser.currentName();
      ScalarNode key =
          new ScalarNode(spanAt(parser.currentTokenLocation(), name.length()), name, true);
      parser.nextToken();
      DataNode value = readValue(depth);
      ScalarNode first = seen.putIfAbsent(name, key);
      if (first != null) {
        report(
            error(
                    LanguageRules.DUPLICATE.id(),
                    key.span(),
                    "duplicate key " + Messages.quote(name) + " in this mapping")
                .withLabel("second definition")
                .withSecondary(first.span(), "first defined here")
                .withHelp("remove one of them: YAML keeps only the last, silently"));
        continue;
      }
      entries.add(new MapNode.Entry(key, value));
      size += sizes.getOrDefault(value, 1);
    }
    MapNode node =
        new MapNode(
            collectionSpan(
                start, entries.isEmpty() ? null : entries.get(entries.size() - 1).value().span()),
            entries);
    sizes.put(node, size);
    return node;
  }

  /**
   * The next key of a mapping. The YAML library refuses a key that is a list, a mapping or an alias
   * (a complex key, {@code ? [a, b] : c}) with a message naming its own event classes; the key's
   * own position is the library's current token then.
   */
  private JsonToken nextKey() throws IOException, Abort {
    try {
      return parser.nextToken();
    } catch (JacksonYAMLParseException e) {
      throw e;
    } catch (JsonParseException e) {
      report(
          error(
                  LanguageRules.SYNTAX.id(),
                  spanAt(parser.currentTokenLocation(), 1),
                  "a mapping key must be plain text, such as `vip`, not a list, a mapping or an"
                      + " alias")
              .withHelp("write the key as a plain word; lbc does not support `?` complex keys"));
      throw new Abort();
    }
  }

  /**
   * YAML 1.1 readers, the library among them, end a line at NEL, LINE SEPARATOR and PARAGRAPH
   * SEPARATOR; YAML 1.2 and lbc's line model end lines at LF and CR only. Positions after such a
   * character would depend on the reader, so it is refused where it stands.
   */
  private boolean breaksLinesAlike() {
    String text = file.text();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
        String name =
            c == '\u0085'
                ? "U+0085 NEXT LINE"
                : c == '\u2028' ? "U+2028 LINE SEPARATOR" : "U+2029 PARAGRAPH SEPARATOR";
        LineIndex index = file.index();
        report(
            error(
                    LanguageRules.SYNTAX.id(),
                    Span.of(file, index.lineOf(i), index.columnOf(i), 1),
                    name
                        + ": YAML 1.1 readers end a line here and YAML 1.2 readers do not, so"
                        + " lbc refuses it")
                .withHelp(
                    "delete it or write a space instead; it usually comes from text pasted from a"
                        + " document or a web page"));
        return false;
      }
    }
    return true;
  }

  private SeqNode readSequence(int depth) throws IOException, Abort {
    JsonLocation start = parser.currentTokenLocation();
    checkDepth(depth, start);
    List<DataNode> items = new ArrayList<>();
    int size = 1;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      DataNode item = readValue(depth);
      items.add(item);
      size += sizes.getOrDefault(item, 1);
    }
    SeqNode node =
        new SeqNode(
            collectionSpan(start, items.isEmpty() ? null : items.get(items.size() - 1).span()),
            items);
    sizes.put(node, size);
    return node;
  }

  private ScalarNode readScalar() throws IOException {
    JsonLocation start = parser.currentTokenLocation();
    String text = parser.getText();
    // Jackson types a plain scalar as number, boolean or null and a quoted one always as string;
    // VALUE_STRING therefore means "text, whatever it looks like".
    boolean string = parser.currentToken() == JsonToken.VALUE_STRING;
    JsonLocation end = parser.currentLocation();
    Span span;
    if (end.getLineNr() == start.getLineNr() && end.getColumnNr() > start.getColumnNr()) {
      span =
          new Span(
              file, start.getLineNr(), start.getColumnNr(), end.getLineNr(), end.getColumnNr());
    } else {
      span = spanAt(start, Math.max(1, text.codePointCount(0, text.length())));
    }
    return new ScalarNode(span, text, string);
  }

  private Span collectionSpan(JsonLocation start, Span last) {
    Span head = spanAt(start, 1);
    return last == null ? head : head.to(last);
  }

  private void checkDepth(int depth, JsonLocation at) throws Abort {
    if (depth > Limits.MAX_DEPTH) {
      limit(at, "nesting is deeper than " + Limits.MAX_DEPTH + " levels");
    }
  }

  private void limit(JsonLocation at, String what) throws Abort {
    report(
        error(LanguageRules.LIMITS.id(), spanAt(at, 1), what)
            .withHelp("a deployment never needs this; see `lbc explain LBC005`"));
    throw new Abort();
  }

  private void reportSyntax(JacksonYAMLParseException e) {
    Throwable cause = e.getCause();
    if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      Mark mark = marked.getProblemMark();
      Span span = Span.of(file, mark.getLine() + 1, mark.getColumn() + 1, 1);
      Diagnostic d = error(LanguageRules.SYNTAX.id(), span, "YAML syntax: " + marked.getProblem());
      if (marked.getContext() != null && marked.getContextMark() != null) {
        Mark c = marked.getContextMark();
        d =
            d.withSecondary(
                Span.of(file, c.getLine() + 1, c.getColumn() + 1, 1), marked.getContext());
      }
      String help = SyntaxHints.forProblem(marked.getProblem());
      report(help == null ? d : d.withHelp(help));
      return;
    }
    String message =
        cause != null && cause.getMessage() != null ? cause.getMessage() : e.getOriginalMessage();
    if (message != null && message.contains("exceeds the limit")) {
      report(
          error(
              LanguageRules.LIMITS.id(),
              file.start(),
              "the file is too large for the YAML reader"));
      return;
    }
    JsonLocation at = e.getLocation();
    Span span = at == null ? file.start() : spanAt(at, 1);
    report(error(LanguageRules.SYNTAX.id(), span, "YAML syntax: " + firstLine(message)));
  }

  private void report(Diagnostic d) {
    diagnostics.report(d);
  }

  private Diagnostic error(String code, Span span, String message) {
    return Diagnostic.of(code, Severity.ERROR, span, message);
  }

  private static String tagOf(String typeId) {
    return typeId.startsWith("tag:yaml.org,2002:") ? "!!" + typeId.substring(18) : "!" + typeId;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable input";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private Span spanAt(JsonLocation at, int length) {
    int line = Math.max(1, at.getLineNr());
    int column = Math.max(1, at.getColumnNr());
    return Span.of(file, line, column, length);
  }
}
