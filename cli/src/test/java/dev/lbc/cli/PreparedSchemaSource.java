package dev.lbc.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.BooleanSchema;
import org.everit.json.schema.CombinedSchema;
import org.everit.json.schema.ConstSchema;
import org.everit.json.schema.EmptySchema;
import org.everit.json.schema.EnumSchema;
import org.everit.json.schema.FalseSchema;
import org.everit.json.schema.NullSchema;
import org.everit.json.schema.NumberSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.ReferenceSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.SchemaLocation;
import org.everit.json.schema.StringSchema;
import org.everit.json.schema.TrueSchema;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Writes the Java source of {@code dev.lbc.compiler.schema.PreparedSchema}: everit builder calls
 * that build the schema {@code SchemaLoader} loads from the deployment schema's JSON, so lint does
 * not run the loader. It reads the loaded {@link Schema} objects, not the JSON, so the generated
 * code builds what the loader builds; a schema feature lbc's schema does not use yet fails here
 * rather than being left out.
 */
final class PreparedSchemaSource {
  /** Keywords only people and editors read: everit validates nothing with them. */
  static final Set<String> DOCUMENTATION =
      Set.of(
          "title",
          "description",
          "markdownDescription",
          "enumDescriptions",
          "markdownEnumDescriptions",
          "examples",
          "default");

  /** Keywords whose value is one subschema, or an array of them. */
  private static final Set<String> SUBSCHEMA =
      Set.of(
          "items",
          "additionalItems",
          "additionalProperties",
          "contains",
          "propertyNames",
          "not",
          "if",
          "then",
          "else",
          "allOf",
          "anyOf",
          "oneOf");

  /** Keywords whose value maps names to subschemas. */
  private static final Set<String> SUBSCHEMA_MAP =
      Set.of("properties", "patternProperties", "definitions", "dependencies");

  private final StringBuilder methods = new StringBuilder();
  private final StringBuilder fields = new StringBuilder();
  private final Map<Schema, String> names = new IdentityHashMap<>();
  private final List<ReferenceSchema> references = new ArrayList<>();
  private int next;

  private PreparedSchemaSource() {}

  /** {@code schemaJson} without its documentation keywords: the schema lint validates with. */
  static String prepared(String schemaJson) {
    JSONObject root = new JSONObject(schemaJson);
    strip(root);
    return root.toString();
  }

  private static void strip(JSONObject schema) {
    DOCUMENTATION.forEach(schema::remove);
    for (String key : schema.keySet()) {
      Object value = schema.get(key);
      if (SUBSCHEMA.contains(key)) {
        stripEach(value);
      } else if (SUBSCHEMA_MAP.contains(key) && value instanceof JSONObject map) {
        for (String name : map.keySet()) {
          stripEach(map.get(name));
        }
      }
    }
  }

  private static void stripEach(Object value) {
    if (value instanceof JSONObject o) {
      strip(o);
    } else if (value instanceof JSONArray a) {
      for (Object item : a) {
        stripEach(item);
      }
    }
  }

  /** The source of {@code PreparedSchema}, which builds {@code schema}. */
  static String generate(Schema schema) {
    PreparedSchemaSource g = new PreparedSchemaSource();
    String root = g.method(schema);
    StringBuilder links = new StringBuilder();
    for (int i = 0; i < g.references.size(); i++) {
      ReferenceSchema ref = g.references.get(i);
      links
          .append("    r")
          .append(i)
          .append(".setReferredSchema(")
          .append(g.expression(ref.getReferredSchema()))
          .append(");\n");
    }
    return """
        package dev.lbc.compiler.schema;

        import java.util.List;
        import java.util.Map;
        import org.everit.json.schema.ArraySchema;
        import org.everit.json.schema.BooleanSchema;
        import org.everit.json.schema.CombinedSchema;
        import org.everit.json.schema.ConstSchema;
        import org.everit.json.schema.EmptySchema;
        import org.everit.json.schema.EnumSchema;
        import org.everit.json.schema.FalseSchema;
        import org.everit.json.schema.NullSchema;
        import org.everit.json.schema.NumberSchema;
        import org.everit.json.schema.ObjectSchema;
        import org.everit.json.schema.ReferenceSchema;
        import org.everit.json.schema.Schema;
        import org.everit.json.schema.SchemaLocation;
        import org.everit.json.schema.StringSchema;
        import org.everit.json.schema.TrueSchema;

        /**
         * The deployment schema as everit objects, built by the calls everit's {@code SchemaLoader}
         * makes when it loads grammar/schema/lbc.schema.json without its documentation keywords.
         * Generated by {@code PreparedSchemaTest} in the cli module; do not edit: after a change to
         * the schema, run the bless command (CONTRIBUTING.md) and review the diff.
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        final class PreparedSchema {
        %s
          private PreparedSchema() {}

          /** A new schema, equal to the one {@code SchemaValidator.load} loads from the JSON. */
          static Schema build() {
            return new PreparedSchema().root();
          }

          private Schema root() {
            Schema root = %s;
        %s    return root;
          }
        %s
          /**
           * Where a schema is in this document: its JSON pointer's segments, unescaped, and the
           * text everit makes of them, written out.
           */
          private static SchemaLocation at(String text, String... pointer) {
            return new Located(text, List.of(pointer));
          }

          /**
           * A location that knows its text. Every schema everit builds asks its location for it,
           * which everit computes with a stream and JSON-pointer escaping: for the schema's 150
           * nodes, 21 ms of the preparing thread's cold start (docs/performance.md, "Cold lint",
           * round 5). Equal to everit's own location of the same segments.
           */
          private static final class Located extends SchemaLocation {
            private final String text;

            Located(String text, List<String> pointer) {
              super(null, pointer);
              this.text = text;
            }

            @Override
            public String toString() {
              return text;
            }
          }

          /** A reference located {@code before} it is built, then relocated {@code after}. */
          private static ReferenceSchema ref(
              ReferenceSchema.Builder builder, SchemaLocation before, SchemaLocation after) {
            if (before != null) {
              builder.schemaLocation(before);
            }
            ReferenceSchema built = builder.build();
            if (after != null) {
              builder.schemaLocation(after);
            }
            return built;
          }
        }
        """
        .formatted(g.fields, root, links, g.methods);
  }

  /** A call to a method of its own that builds {@code s}: keeps each method small. */
  private String method(Schema s) {
    String name = names.get(s);
    if (name == null) {
      name = "s" + next++;
      names.put(s, name);
      String body = build(s);
      methods
          .append("\n  private Schema ")
          .append(name)
          .append("() {\n    return ")
          .append(body)
          .append(";\n  }\n");
    }
    return name + "()";
  }

  private String expression(Schema s) {
    if (s instanceof ObjectSchema || s instanceof ArraySchema || s instanceof CombinedSchema) {
      return method(s);
    }
    return build(s);
  }

  private String build(Schema s) {
    if (s instanceof ReferenceSchema ref) {
      return reference(ref);
    }
    StringBuilder b = new StringBuilder();
    if (s instanceof ObjectSchema o) {
      b.append("ObjectSchema.builder()");
      b.append(".requiresObject(").append(o.requiresObject()).append(')');
      o.getPropertySchemas()
          .forEach(
              (k, v) ->
                  b.append("\n        .addPropertySchema(")
                      .append(literal(k))
                      .append(", ")
                      .append(expression(v))
                      .append(')'));
      b.append(".additionalProperties(").append(o.permitsAdditionalProperties()).append(')');
      if (o.getSchemaOfAdditionalProperties() != null) {
        b.append(".schemaOfAdditionalProperties(")
            .append(expression(o.getSchemaOfAdditionalProperties()))
            .append(')');
      }
      o.getRequiredProperties()
          .forEach(k -> b.append(".addRequiredProperty(").append(literal(k)).append(')'));
      optional(b, "minProperties", o.getMinProperties());
      optional(b, "maxProperties", o.getMaxProperties());
      o.getPropertyDependencies()
          .forEach(
              (k, set) ->
                  set.forEach(
                      v ->
                          b.append(".propertyDependency(")
                              .append(literal(k))
                              .append(", ")
                              .append(literal(v))
                              .append(')')));
      o.getSchemaDependencies()
          .forEach(
              (k, v) ->
                  b.append(".schemaDependency(")
                      .append(literal(k))
                      .append(", ")
                      .append(expression(v))
                      .append(')'));
      unsupported(!o.getPatternProperties().isEmpty(), "patternProperties", s);
      unsupported(o.getPropertyNameSchema() != null, "propertyNames", s);
    } else if (s instanceof ArraySchema a) {
      b.append("ArraySchema.builder()");
      b.append(".requiresArray(").append(a.requiresArray()).append(')');
      optional(b, "minItems", a.getMinItems());
      optional(b, "maxItems", a.getMaxItems());
      b.append(".uniqueItems(").append(a.needsUniqueItems()).append(')');
      if (a.getAllItemSchema() != null) {
        b.append(".allItemSchema(").append(expression(a.getAllItemSchema())).append(')');
      }
      if (a.getItemSchemas() != null) {
        a.getItemSchemas()
            .forEach(i -> b.append(".addItemSchema(").append(expression(i)).append(')'));
      }
      b.append(".additionalItems(").append(a.permitsAdditionalItems()).append(')');
      if (a.getSchemaOfAdditionalItems() != null) {
        b.append(".schemaOfAdditionalItems(")
            .append(expression(a.getSchemaOfAdditionalItems()))
            .append(')');
      }
      if (a.getContainedItemSchema() != null) {
        b.append(".containsItemSchema(").append(expression(a.getContainedItemSchema())).append(')');
      }
    } else if (s instanceof StringSchema str) {
      b.append("StringSchema.builder()");
      b.append(".requiresString(").append(str.requireString()).append(')');
      optional(b, "minLength", str.getMinLength());
      optional(b, "maxLength", str.getMaxLength());
      if (str.getPattern() != null) {
        b.append(".pattern(").append(literal(str.getPattern().pattern())).append(')');
      }
      if (str.getFormatValidator() != null) {
        unsupported(
            !(str.getFormatValidator() instanceof dev.lbc.compiler.schema.LbcFormat),
            "format " + str.getFormatValidator().formatName(),
            s);
        b.append(".formatValidator(new LbcFormat(")
            .append(literal(str.getFormatValidator().formatName()))
            .append("))");
      }
    } else if (s instanceof NumberSchema n) {
      b.append("NumberSchema.builder()");
      b.append(".requiresNumber(").append(n.isRequiresNumber()).append(')');
      b.append(".requiresInteger(").append(n.requiresInteger()).append(')');
      optional(b, "minimum", n.getMinimum());
      optional(b, "maximum", n.getMaximum());
      optional(b, "multipleOf", n.getMultipleOf());
      b.append(".exclusiveMinimum(").append(n.isExclusiveMinimum()).append(')');
      b.append(".exclusiveMaximum(").append(n.isExclusiveMaximum()).append(')');
      optional(b, "exclusiveMinimum", n.getExclusiveMinimumLimit());
      optional(b, "exclusiveMaximum", n.getExclusiveMaximumLimit());
    } else if (s instanceof EnumSchema e) {
      b.append("EnumSchema.builder().possibleValues(")
          .append(list(e.getPossibleValuesAsList()))
          .append(')');
    } else if (s instanceof ConstSchema c) {
      b.append("ConstSchema.builder().permittedValue(")
          .append(value(c.getPermittedValue()))
          .append(')');
    } else if (s instanceof CombinedSchema c) {
      String criterion =
          c.getCriterion() == CombinedSchema.ALL_CRITERION
              ? "ALL_CRITERION"
              : c.getCriterion() == CombinedSchema.ANY_CRITERION
                  ? "ANY_CRITERION"
                  : "ONE_CRITERION";
      b.append("CombinedSchema.builder().criterion(CombinedSchema.")
          .append(criterion)
          .append(").subschemas(List.of(");
      String sep = "";
      for (Schema sub : c.getSubschemas()) {
        b.append(sep).append("\n        ").append(expression(sub));
        sep = ",";
      }
      b.append(")).isSynthetic(").append(isSynthetic(c)).append(')');
    } else if (s instanceof TrueSchema) {
      b.append("TrueSchema.builder()");
    } else if (s instanceof FalseSchema) {
      b.append("FalseSchema.builder()");
    } else if (s instanceof EmptySchema) {
      b.append("EmptySchema.builder()");
    } else if (s instanceof BooleanSchema) {
      b.append("BooleanSchema.builder()");
    } else if (s instanceof NullSchema) {
      b.append("NullSchema.builder()");
    } else {
      throw new IllegalStateException(
          s.getClass().getSimpleName() + " at " + s.getSchemaLocation() + " is not generated yet");
    }
    common(b, s);
    location(b, s);
    return "(" + b + ".build()" + ")";
  }

  /** Title, description and the rest every schema has, when set. */
  private static void common(StringBuilder b, Schema s) {
    if (s.getTitle() != null) {
      b.append(".title(").append(literal(s.getTitle())).append(')');
    }
    if (s.getDescription() != null) {
      b.append(".description(").append(literal(s.getDescription())).append(')');
    }
    if (s.getId() != null) {
      b.append(".id(").append(literal(s.getId())).append(')');
    }
    if (s.getDefaultValue() != null) {
      b.append(".defaultValue(").append(value(s.getDefaultValue())).append(')');
    }
    if (s.isNullable() != null) {
      b.append(".nullable(").append(s.isNullable()).append(')');
    }
    if (s.isReadOnly() != null) {
      b.append(".readOnly(").append(s.isReadOnly()).append(')');
    }
    if (s.isWriteOnly() != null) {
      b.append(".writeOnly(").append(s.isWriteOnly()).append(')');
    }
    if (!s.getUnprocessedProperties().isEmpty()) {
      // keywords everit keeps without using: $schema, and the definitions references point into
      b.append("\n        .unprocessedProperties(")
          .append(value(s.getUnprocessedProperties()))
          .append(')');
    }
  }

  private static void location(StringBuilder b, Schema s) {
    if (s.getLocation() != null) {
      b.append("\n        .schemaLocation(").append(at(s.getLocation())).append(')');
    }
  }

  /**
   * A location in this document as its text and its pointer's segments: {@code
   * SchemaLocation.parseURI} parsed a URI and a JSON pointer for each of the schema's nodes, and
   * everit's {@code toString} escapes the segments with a stream; both were milliseconds of a cold
   * lint.
   */
  private static String at(SchemaLocation location) {
    URI document = (URI) field(location, "rootDocumentURI");
    List<?> pointer = (List<?>) field(location, "pointerToLocation");
    if (document != null) {
      return "SchemaLocation.parseURI(" + literal(location.toString()) + ")";
    }
    StringBuilder b = new StringBuilder("at(").append(literal(location.toString()));
    for (Object segment : pointer) {
      b.append(", ").append(literal((String) segment));
    }
    return b.append(')').toString();
  }

  private static Object field(Object o, String name) {
    try {
      Field f = o.getClass().getDeclaredField(name);
      f.setAccessible(true);
      return f.get(o);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One field per reference everit shares, linked to its target once all are built. */
  private String reference(ReferenceSchema ref) {
    String name = names.get(ref);
    if (name == null) {
      name = "r" + references.size();
      names.put(ref, name);
      references.add(ref);
      StringBuilder b =
          new StringBuilder("ReferenceSchema.builder().refValue(")
              .append(literal(ref.getReferenceValue()))
              .append(')');
      common(b, ref);
      // everit gives a reference its location before or after building it, depending on the
      // order it meets the references; only the first also sets the location Schema keeps
      String before =
          ref.getSchemaLocation() == null
              ? "null"
              : at(SchemaLocation.parseURI(ref.getSchemaLocation()));
      String after = ref.getLocation() == null ? "null" : at(ref.getLocation());
      fields
          .append("  private final ReferenceSchema ")
          .append(name)
          .append(" =\n      ref((ReferenceSchema.Builder) ")
          .append(b)
          .append(",\n          ")
          .append(before)
          .append(", ")
          .append(after)
          .append(");\n");
    }
    return name;
  }

  private static boolean isSynthetic(CombinedSchema c) {
    try {
      var m = CombinedSchema.class.getDeclaredMethod("isSynthetic");
      m.setAccessible(true);
      return (boolean) m.invoke(c);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void optional(StringBuilder b, String setter, Object value) {
    if (value != null) {
      b.append('.').append(setter).append('(').append(value(value)).append(')');
    }
  }

  private static void unsupported(boolean present, String what, Schema s) {
    if (present) {
      throw new IllegalStateException(
          what
              + " at "
              + s.getSchemaLocation()
              + " is not generated yet: add it to "
              + PreparedSchemaSource.class.getSimpleName());
    }
  }

  private static String list(Collection<?> values) {
    StringBuilder b = new StringBuilder("(List) List.of(");
    String sep = "";
    for (Object v : values) {
      b.append(sep).append(value(v));
      sep = ", ";
    }
    return b.append(')').toString();
  }

  /** A Java expression of the same value and class (equals compares Integer and Long apart). */
  private static String value(Object v) {
    if (v instanceof String s) {
      return literal(s);
    }
    if (v instanceof Integer || v instanceof Boolean) {
      return String.valueOf(v);
    }
    if (v instanceof Long) {
      return v + "L";
    }
    if (v instanceof Double) {
      return v + "d";
    }
    if (v instanceof Map<?, ?> map) {
      StringBuilder b = new StringBuilder("(Map) Map.ofEntries(");
      String sep = "";
      for (Map.Entry<?, ?> e : new java.util.TreeMap<>(map).entrySet()) {
        b.append(sep)
            .append("\n        Map.entry(")
            .append(value(e.getKey()))
            .append(", ")
            .append(value(e.getValue()))
            .append(')');
        sep = ",";
      }
      return b.append(')').toString();
    }
    if (v instanceof List<?> list) {
      return list(list);
    }
    if (v instanceof BigDecimal || v instanceof BigInteger) {
      return "new " + v.getClass().getName() + "(" + literal(v.toString()) + ")";
    }
    throw new IllegalStateException(
        "a value of " + v.getClass().getName() + " (" + v + ") is not generated yet");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A Java string literal: JSON's escapes (Jackson's) are all Java escapes too. */
  private static String literal(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
