package dev.lbc.compiler.schema;

import dev.lbc.compiler.catalog.LanguageRules;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Diagnostics;
import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.source.Span;
import dev.lbc.compiler.tree.DataNode;
import dev.lbc.compiler.tree.MapNode;
import dev.lbc.compiler.tree.ScalarNode;
import dev.lbc.compiler.tree.SeqNode;
import dev.lbc.compiler.value.Formats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.EnumSchema;
import org.everit.json.schema.NumberSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.StringSchema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Checks a data tree against the JSON Schema of the deployment format (everit-json-schema) and
 * turns every violation into an LBC002 diagnostic at the offending node: the tree is converted to
 * JSON with an index from JSON pointer to node, so a violation's pointer leads back to its line and
 * column.
 */
public final class SchemaValidator {
  /**
   * Built by generated code ({@link PreparedSchema}) from the schema without its documentation:
   * everit's {@code SchemaLoader} took about 40 ms of CPU on every lint to build the same objects
   * from the JSON. A test in the cli module keeps the generated code equal to what the loader
   * builds.
   */
  private static final Schema SCHEMA = PreparedSchema.build();

  private final Map<String, DataNode> index = new HashMap<>();
  private final Diagnostics diagnostics;

  private SchemaValidator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /**
   * The schema {@code schemaJson} describes, loaded by everit's {@code SchemaLoader} with lbc's
   * formats: what {@link PreparedSchema} is generated from and compared with.
   */
  public static Schema load(String schemaJson) {
    SchemaLoader.SchemaLoaderBuilder builder =
        SchemaLoader.builder().schemaJson(new JSONObject(schemaJson)).draftV7Support();
    for (String name : Formats.names()) {
      builder.addFormatValidator(new LbcFormat(name));
    }
    return builder.build().load().build();
  }

  /** The schema lint validates with. */
  public static Schema schema() {
    return SCHEMA;
  }

  /**
   * Builds the schema now, if it is not built yet: its classes and the format checks' are loaded
   * and initialised then, about 5 ms of CPU; the CLI calls this on a second thread while it parses
   * the command line.
   */
  public static void prepare() {
    // initialising the class loads SCHEMA; nothing else to do
  }

  /** Validates {@code root}; returns true if it conforms. */
  public static boolean validate(DataNode root, Diagnostics diagnostics) {
    return validate(root, diagnostics, SCHEMA);
  }

  /** Validates {@code root} against {@code schema}; returns true if it conforms. */
  public static boolean validate(DataNode root, Diagnostics diagnostics, Schema schema) {
    return new SchemaValidator(diagnostics).run(root, schema);
  }

  private boolean run(DataNode root, Schema schema) {
    Object json = toJson(root, "#");
    try {
      schema.validate(json);
      return true;
    } catch (ValidationException e) {
      List<ValidationException> leaves = new ArrayList<>();
      collectLeaves(e, leaves);
      int before = diagnostics.size();
      for (ValidationException leaf : leaves) {
        Diagnostic d = describe(leaf);
        if (d != null) {
          diagnostics.report(d);
        }
      }
      return diagnostics.size() == before;
    }
  }

  private Object toJson(DataNode node, String pointer) {
    index.put(pointer, node);
    if (node instanceof MapNode map) {
      JSONObject o = new JSONObject();
      for (MapNode.Entry e : map.entries()) {
        o.put(e.key().text(), toJson(e.value(), pointer + "/" + escape(e.key().text())));
      }
      return o;
    }
    if (node instanceof SeqNode seq) {
      JSONArray a = new JSONArray();
      for (int i = 0; i < seq.items().size(); i++) {
        a.put(toJson(seq.items().get(i), pointer + "/" + i));
      }
      return a;
    }
    Object v = ((ScalarNode) node).value();
    return v == null ? JSONObject.NULL : v;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static void collectLeaves(ValidationException e, List<ValidationException> out) {
    if (e.getCausingExceptions().isEmpty()) {
      out.add(e);
    } else {
      for (ValidationException cause : e.getCausingExceptions()) {
        collectLeaves(cause, out);
      }
    }
  }

  private Diagnostic describe(ValidationException e) {
    String pointer = e.getPointerToViolation();
    DataNode node = index.get(pointer);
    if (node == null) {
      node = index.get("#");
    }
    Field field = Field.of(pointer);
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    Schema violated = e.getViolatedSchema();
    return switch (keyword) {
      case "additionalProperties" -> unknownKey(e, node, field, violated);
      case "required" -> missingKey(e, node, field);
      case "type" -> wrongType(e, node, field, violated);
      case "enum", "const" -> notAllowed(node, field, violated);
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
          outOfRange(node, field, (NumberSchema) violated);
      case "format" -> error(node.span(), "invalid " + field.name() + ": " + e.getErrorMessage());
      case "minItems" ->
          error(
              node.span(),
              field.name()
                  + " needs at least "
                  + ((ArraySchema) violated).getMinItems()
                  + " item(s)");
      case "maxItems" ->
          error(
              node.span(),
              field.name() + " has more than " + ((ArraySchema) violated).getMaxItems() + " items");
      case "uniqueItems" -> repeatedItem(node, field);
      case "dependencies" -> missingCompanion(e, node);
      default -> error(node.span(), field.name() + ": " + e.getErrorMessage());
    };
  }

  /** A key that means something only with another ({@code dependencies} in the schema), and why. */
  private record Companion(String key, String why) {}

  /** By the key needed: what a user must read to see that the other key alone would be ignored. */
  private static final Map<String, Companion> COMPANIONS =
      Map.of(
          "max-connections",
          new Companion(
              "min-connections",
              "min-connections needs max-connections: a server takes new connections again below"
                  + " min-connections only after max-connections stopped it (HAProxy minconn, LVS"
                  + " lthreshold); alone it would be ignored"));

  private static final Pattern BRACKETED = Pattern.compile("\\[(.+?)\\]");

  private Diagnostic missingCompanion(ValidationException e, DataNode node) {
    Matcher m = BRACKETED.matcher(e.getErrorMessage());
    Companion c = COMPANIONS.get(m.find() ? m.group(1) : "");
    if (c == null) {
      return error(node.span(), e.getErrorMessage());
    }
    // Point at the key that needs the other, as written.
    DataNode at = index.get(e.getPointerToViolation() + "/" + c.key());
    return error((at != null ? at : node).span(), c.why());
  }

  private Diagnostic unknownKey(
      ValidationException e, DataNode node, Field field, Schema violated) {
    String message = e.getErrorMessage();
    int open = message.indexOf('[');
    int close = message.lastIndexOf(']');
    String key = open >= 0 && close > open ? message.substring(open + 1, close) : "?";
    Span at = node.span();
    if (node instanceof MapNode map && map.entry(key) != null) {
      at = map.entry(key).key().span();
    }
    Set<String> allowed = new TreeSet<>();
    if (violated instanceof ObjectSchema object) {
      allowed.addAll(object.getPropertySchemas().keySet());
    }
    Diagnostic d = error(at, "unknown key " + Messages.quote(key) + " in " + field.noun());
    String suggestion = Messages.didYouMean(key, allowed);
    if (suggestion != null) {
      return d.withLabel("did you mean " + Messages.quote(suggestion) + "?")
          .withHelp("replace " + Messages.quote(key) + " with " + Messages.quote(suggestion));
    }
    return d.withHelp("the keys of " + field.noun() + " are " + Messages.oneOf(allowed));
  }

  private Diagnostic missingKey(ValidationException e, DataNode node, Field field) {
    String message = e.getErrorMessage();
    int open = message.indexOf('[');
    int close = message.lastIndexOf(']');
    String key = open >= 0 && close > open ? message.substring(open + 1, close) : "?";
    Span at = node.span();
    if (node instanceof MapNode map && !map.entries().isEmpty()) {
      at = map.entries().get(0).key().span();
    }
    return error(at, field.noun() + " is missing the required key " + Messages.quote(key))
        .withHelp("add `" + key + ": ...`; see `lbc explain LBC002` and docs/input-format.md");
  }

  private Diagnostic wrongType(ValidationException e, DataNode node, Field field, Schema violated) {
    if (violated instanceof StringSchema string
        && node instanceof ScalarNode scalar
        && !scalar.quoted()
        && scalar.value() != null) {
      // A plain scalar such as 2016, true or on where text is expected keeps its literal text.
      String format =
          string.getFormatValidator() == null ? null : string.getFormatValidator().formatName();
      if (format == null || !isKnownFormat(format)) {
        return null;
      }
      String problem = Formats.check(format, scalar.text());
      return problem == null
          ? null
          : error(node.span(), "invalid " + field.name() + ": " + problem);
    }
    String expected = expectedType(e.getErrorMessage());
    Diagnostic d =
        error(node.span(), field.name() + " must be " + expected + ", found " + node.kindName());
    if (node instanceof ScalarNode scalar) {
      String hint = Yaml11Hints.hint(scalar, expected);
      if (hint != null) {
        d = d.withHelp(hint);
      }
    }
    return d;
  }

  private static boolean isKnownFormat(String format) {
    for (String name : Formats.names()) {
      if (name.equals(format)) {
        return true;
      }
    }
    return false;
  }

  private static String expectedType(String everitMessage) {
    // everit: "expected type: Integer, found: String"
    String t = everitMessage.replaceFirst("^expected type: ([A-Za-z]+).*$", "$1");
    return switch (t) {
      case "Integer", "Number" -> "a whole number";
      case "String" -> "text";
      case "Boolean" -> "true or false";
      case "JSONObject" -> "a mapping";
      case "JSONArray" -> "a list";
      default -> t;
    };
  }

  private Diagnostic notAllowed(DataNode node, Field field, Schema violated) {
    Set<String> allowed = new TreeSet<>();
    if (violated instanceof EnumSchema en) {
      for (Object v : en.getPossibleValues()) {
        allowed.add(String.valueOf(v));
      }
    } else if (violated instanceof org.everit.json.schema.ConstSchema c) {
      allowed.add(String.valueOf(c.getPermittedValue()));
    }
    String found = node instanceof ScalarNode s ? Messages.quote(s.text()) : node.kindName();
    Diagnostic d =
        error(
            node.span(), field.name() + " must be " + Messages.oneOf(allowed) + ", found " + found);
    if (node instanceof ScalarNode s) {
      String suggestion = Messages.didYouMean(s.text(), allowed);
      if (suggestion != null) {
        d = d.withLabel("did you mean " + Messages.quote(suggestion) + "?");
      }
    }
    return d;
  }

  private Diagnostic outOfRange(DataNode node, Field field, NumberSchema schema) {
    String text = node instanceof ScalarNode s ? s.text() : "?";
    return error(
        node.span(),
        field.name()
            + " must be between "
            + schema.getMinimum()
            + " and "
            + schema.getMaximum()
            + ", found "
            + text);
  }

  private Diagnostic repeatedItem(DataNode node, Field field) {
    Span at = node.span();
    Span first = null;
    if (node instanceof SeqNode seq) {
      Map<String, Span> seen = new HashMap<>();
      for (DataNode item : seq.items()) {
        String key = item instanceof ScalarNode s ? String.valueOf(s.value()) : item.toString();
        Span previous = seen.putIfAbsent(key, item.span());
        if (previous != null) {
          at = item.span();
          first = previous;
          break;
        }
      }
    }
    Diagnostic d = error(at, field.name() + " lists the same item twice");
    return first == null ? d : d.withSecondary(first, "first listed here");
  }

  private static Diagnostic error(Span span, String message) {
    return Diagnostic.of(LanguageRules.SCHEMA.id(), Severity.ERROR, span, message);
  }

  /** The field a pointer names, for messages: "`port`" and the noun of its object. */
  private record Field(String name, String noun) {
    private static final Map<String, String> NOUNS =
        Map.ofEntries(
            Map.entry("services", "service"),
            Map.entry("servers", "server"),
            Map.entry("real-servers", "real server"),
            Map.entry("certificates", "certificate"),
            Map.entry("namespaces", "namespace"),
            Map.entry("interfaces", "interface"),
            Map.entry("primary", "the primary appliance"),
            Map.entry("secondary", "the secondary appliance"),
            Map.entry("appliances", "appliances"),
            Map.entry("health-check", "health-check"),
            Map.entry("timeouts", "timeouts"),
            Map.entry("ssl", "ssl"),
            Map.entry("lockdown", "lockdown"),
            Map.entry("adapters", "adapters"),
            Map.entry("tuning", "tuning"));

    static Field of(String pointer) {
      String[] parts = pointer.split("/");
      List<String> keys = new ArrayList<>();
      boolean item = false;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].replace("~1", "/").replace("~0", "~");
        if (p.chars().allMatch(Character::isDigit)) {
          item = i == parts.length - 1;
        } else {
          keys.add(p);
          item = false;
        }
      }
      String last = keys.isEmpty() ? "" : keys.get(keys.size() - 1);
      String name =
          keys.isEmpty() ? "the deployment" : Messages.quote(last) + (item ? " item" : "");
      String noun =
          keys.isEmpty()
              ? "the deployment"
              : NOUNS.getOrDefault(pointerTail(parts), "the deployment");
      return new Field(name, noun);
    }

    /** The key that names the object at the end of the pointer. */
    private static String pointerTail(String[] parts) {
      for (int i = parts.length - 1; i >= 1; i--) {
        if (!parts[i].chars().allMatch(Character::isDigit)) {
          return parts[i];
        }
      }
      return "";
    }
  }
}
