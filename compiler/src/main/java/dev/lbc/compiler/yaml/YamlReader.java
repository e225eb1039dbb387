package dev.lbc.compiler.yaml;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads YAML into a {@link DataNode} tree with the span of every node, from SnakeYAML's event
 * parser (which never expands aliases itself). This reader enforces what the YAML library would let
 * through: nesting depth, alias count and expansion, explicit tags on values, duplicate keys and
 * more than one document. (A tag or anchor on a key is ignored: the key is its text.) YAML 1.1
 * typing never reaches the tree: scalars keep their text and whether they were quoted (a value left
 * empty counts as quoted: empty text), and plain ones are typed strictly by {@link
 * ScalarNode#value()}.
 *
 * <p>Events, not Jackson's streaming parser over them: Jackson resolved every plain scalar against
 * YAML 1.1's patterns and decoded numbers that {@link ScalarNode} types again, and its classes were
 * about 90 of a cold lint's (docs/performance.md, "Cold lint", round 6).
 */
public final class YamlReader {
  private static final LoaderOptions OPTIONS = newOptions();

  private final SourceFile file;
  private final Diagnostics diagnostics;
  private final Map<String, DataNode> anchors = new HashMap<>();
  private final Map<DataNode, Integer> sizes = new IdentityHashMap<>();
  private Parser parser;
  // where the last event ended: where a failure of the library without a position is reported
  private Mark reached;
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

  private static LoaderOptions newOptions() {
    // Of the loader's options only the code-point limit reaches the event parser; SnakeYAML's
    // depth, alias and duplicate-key limits belong to its composer, which lbc does not use: this
    // reader enforces them itself (Limits, LBC004).
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(2 * Limits.MAX_FILE_BYTES);
    return options;
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
    if (!charactersAllowed()) {
      return null;
    }
    parser = new ParserImpl(new StreamReader(file.text()), OPTIONS);
    try {
      Event first = nextNode();
      if (first == null) {
        report(
            error(LanguageRules.SCHEMA.id(), file.start(), "the file holds no YAML document")
                .withHelp("start from `lbc init`, or see examples/"));
        return null;
      }
      DataNode root = readValue(first, 0);
      Event extra = nextNode();
      if (extra != null) {
        report(
            error(
                    LanguageRules.SCHEMA.id(),
                    spanAt(extra.getStartMark(), 3),
                    "a deployment file holds one YAML document; a second one starts here")
                .withHelp("move the second document to a file of its own"));
        return null;
      }
      return root;
    } catch (Abort stop) {
      return null;
    } catch (MarkedYAMLException e) {
      reportSyntax(e);
      return null;
    } catch (RuntimeException e) {
      // Any other failure of the YAML library on this input is still a problem of the input,
      // reported where the library had got to.
      if (String.valueOf(e.getMessage()).contains("exceeds the limit")) {
        report(
            error(
                LanguageRules.LIMITS.id(),
                file.start(),
                "the file is too large for the YAML reader"));
      } else {
        report(
            error(
                LanguageRules.SYNTAX.id(),
                reached == null ? file.start() : spanAt(reached, 1),
                "the YAML parser failed: " + firstLine(e.getMessage())));
      }
      return null;
    }
  }

  private Event next() {
    Event e = parser.getEvent();
    reached = e.getEndMark();
    return e;
  }

  /**
   * The next event that starts a node, past the stream's and documents' own events; null at the end
   * of the stream.
   */
  private Event nextNode() {
    while (true) {
      Event e = next();
      switch (e.getEventId()) {
        case StreamStart, DocumentStart, DocumentEnd -> {}
        case StreamEnd -> {
          return null;
        }
        default -> {
          return e;
        }
      }
    }
  }

  private DataNode readValue(Event event, int depth) throws Abort {
    String tag =
        event instanceof ScalarEvent s
            ? s.getTag()
            : event instanceof CollectionStartEvent c ? c.getTag() : null;
    if (tag != null) {
      report(
          error(
                  LanguageRules.SCHEMA.id(),
                  spanAt(event.getStartMark(), 1),
                  "YAML tag " + Messages.quote(tagOf(tag)) + " is not allowed")
              .withNote(
                  "lbc reads plain data; tags such as !!java... could make a YAML library build"
                      + " objects")
              .withHelp("remove the tag; quote the value if it must be read as text"));
      throw new Abort();
    }
    if (++nodes > Limits.MAX_NODES) {
      limit(event.getStartMark(), "the file has more than " + Limits.MAX_NODES + " nodes");
    }
    DataNode node;
    String anchor = null;
    if (event instanceof AliasEvent alias) {
      node = readAlias(alias);
    } else if (event instanceof MappingStartEvent map) {
      anchor = map.getAnchor();
      node = readMapping(map, depth + 1);
    } else if (event instanceof SequenceStartEvent seq) {
      anchor = seq.getAnchor();
      node = readSequence(seq, depth + 1);
    } else {
      // An anchor on a scalar is not recorded: an alias names a mapping or a list (readAlias).
      node = readScalar((ScalarEvent) event);
      sizes.put(node, 1);
    }
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private DataNode readAlias(AliasEvent alias) throws Abort {
    Mark at = alias.getStartMark();
    String name = alias.getAnchor();
    if (++aliases > Limits.MAX_ALIASES) {
      limit(at, "the file uses more than " + Limits.MAX_ALIASES + " YAML aliases");
    }
    DataNode target = anchors.get(name);
    if (target == null) {
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

  private MapNode readMapping(MappingStartEvent startEvent, int depth) throws Abort {
    Mark start = startEvent.getStartMark();
    checkDepth(depth, start);
    List<MapNode.Entry> entries = new ArrayList<>();
    Map<String, ScalarNode> seen = new HashMap<>();
    int size = 1;
    Event event;
    while ((event = next()).getEventId() != Event.ID.MappingEnd) {
      if (!(event instanceof ScalarEvent keyEvent)) {
        // A key that is a list, a mapping or an alias (a complex key, `? [a, b] : c`).
        report(
            error(
                    LanguageRules.SYNTAX.id(),
                    spanAt(event.getStartMark(), 1),
                    "a mapping key must be plain text, such as `vip`, not a list, a mapping or an"
                        + " alias")
                .withHelp("write the key as a plain word; lbc does not support `?` complex keys"));
        throw new Abort();
      }
      String name = keyEvent.getValue();
      ScalarNode key = new ScalarNode(spanAt(keyEvent.getStartMark(), name.length()), name, true);
      DataNode value = readValue(next(), depth);
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
   * Refuses, where it stands, the first character of the text that no reader should meet: one YAML
   * does not allow in a file at all (a control character, U+FFFE...: the library would say so
   * without a line or column), or a line break of YAML 1.1 only (NEL, LINE SEPARATOR, PARAGRAPH
   * SEPARATOR: YAML 1.1 readers, the library among them, end a line there and YAML 1.2 and lbc's
   * line model do not, so positions after it would depend on the reader).
   */
  private boolean charactersAllowed() {
    String text = file.text();
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      Refusal refused = refusal(c);
      if (refused != null) {
        LineIndex index = file.index();
        report(
            error(
                    LanguageRules.SYNTAX.id(),
                    Span.of(file, index.lineOf(i), index.columnOf(i), 1),
                    refused.message())
                .withHelp(refused.help()));
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  private record Refusal(String message, String help) {}

  /** Why {@code c} is refused, or null for a character YAML reads as text. */
  private static Refusal refusal(int c) {
    if (c >= 0x20 && c <= 0x7e || c == '\n') {
      return null; // most of any file, answered without the library's check
    }
    if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
      String name =
          c == '\u0085'
              ? "U+0085 NEXT LINE"
              : c == '\u2028' ? "U+2028 LINE SEPARATOR" : "U+2029 PARAGRAPH SEPARATOR";
      return new Refusal(
          name
              + ": YAML 1.1 readers end a line here and YAML 1.2 readers do not, so lbc refuses it",
          "delete it or write a space instead; it usually comes from text pasted from a document or"
              + " a web page");
    }
    if (StreamReader.isPrintable(c)) {
      return null;
    }
    String hex = Integer.toHexString(c).toUpperCase(Locale.ROOT);
    return new Refusal(
        "YAML syntax: special characters are not allowed (U+"
            + "0".repeat(Math.max(0, 4 - hex.length()))
            + hex
            + ")",
        "delete the character; it usually comes from text pasted from a terminal or a document");
  }

  private SeqNode readSequence(SequenceStartEvent startEvent, int depth) throws Abort {
    Mark start = startEvent.getStartMark();
    checkDepth(depth, start);
    List<DataNode> items = new ArrayList<>();
    int size = 1;
    Event event;
    while ((event = next()).getEventId() != Event.ID.SequenceEnd) {
      DataNode item = readValue(event, depth);
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

  private ScalarNode readScalar(ScalarEvent event) {
    Mark start = event.getStartMark();
    Mark end = event.getEndMark();
    String text = event.getValue();
    Span span;
    if (end.getLine() == start.getLine() && end.getColumn() > start.getColumn()) {
      span =
          new Span(
              file,
              start.getLine() + 1,
              start.getColumn() + 1,
              end.getLine() + 1,
              end.getColumn() + 1);
    } else {
      span = spanAt(start, Math.max(1, text.codePointCount(0, text.length())));
    }
    // Quoted, literal and folded scalars are text whatever they look like. So is a value left
    // empty: lbc has always read `key:` as empty text (a name field then says `` is not a name),
    // not as YAML's null, and a value left out is told apart from one written `null` or `~`.
    return new ScalarNode(span, text, !event.isPlain() || text.isEmpty());
  }

  private Span collectionSpan(Mark start, Span last) {
    Span head = spanAt(start, 1);
    return last == null ? head : head.to(last);
  }

  private void checkDepth(int depth, Mark at) throws Abort {
    if (depth > Limits.MAX_DEPTH) {
      limit(at, "nesting is deeper than " + Limits.MAX_DEPTH + " levels");
    }
  }

  private void limit(Mark at, String what) throws Abort {
    report(
        error(LanguageRules.LIMITS.id(), spanAt(at, 1), what)
            .withHelp("a deployment never needs this; see `lbc explain LBC005`"));
    throw new Abort();
  }

  private void reportSyntax(MarkedYAMLException marked) {
    Mark mark = marked.getProblemMark();
    if (mark == null) {
      report(
          error(
              LanguageRules.SYNTAX.id(),
              file.start(),
              "YAML syntax: " + firstLine(marked.getProblem())));
      return;
    }
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
  }

  private void report(Diagnostic d) {
    diagnostics.report(d);
  }

  private Diagnostic error(String code, Span span, String message) {
    return Diagnostic.of(code, Severity.ERROR, span, message);
  }

  /** A tag as written: {@code !!str} for the YAML namespace, {@code !name} for a local one. */
  private static String tagOf(String tag) {
    String t = tag;
    while (t.startsWith("!")) {
      t = t.substring(1);
    }
    return t.startsWith("tag:yaml.org,2002:") ? "!!" + t.substring(18) : "!" + t;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable input";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private Span spanAt(Mark at, int length) {
    return Span.of(file, at.getLine() + 1, at.getColumn() + 1, length);
  }
}
