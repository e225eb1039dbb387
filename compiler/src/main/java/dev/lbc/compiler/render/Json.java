package dev.lbc.compiler.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.lbc.compiler.source.Span;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stable, pretty JSON: insertion-ordered maps, two-space indent, \n line ends on every OS. */
public final class Json {
  private Json() {}

  private static final ObjectWriter WRITER;

  static {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
    WRITER = new ObjectMapper().writer(printer);
  }

  public static String write(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize report", e);
    }
  }

  /** An insertion-ordered map, for building documents field by field. */
  public static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  /** Position fields of a span. */
  static Map<String, Object> position(Span s) {
    Map<String, Object> o = object();
    o.put("line", s.line());
    o.put("column", s.column());
    o.put("endLine", s.endLine());
    o.put("endColumn", s.endColumn());
    return o;
  }
}
