package dev.lbc.compiler.value;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lbc.grammar.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The format names and their checks stay one list: every name checks, and no other does. */
class FormatsTest {
  @Test
  void everyNamedFormatHasACheckAndTheNamesAreTheSchemasSorted() {
    List<String> names = new ArrayList<>();
    Formats.names().forEach(names::add);
    assertEquals(new ArrayList<>(new TreeSet<>(names)), names, "sorted, each once");
    for (String name : names) {
      assertDoesNotThrow(() -> Formats.check(name, "x"), name);
    }
    TreeSet<String> inSchema = new TreeSet<>();
    Matcher m =
        Pattern.compile("\"format\"\\s*:\\s*\"(lbc-[a-z-]+)\"").matcher(Schemas.deploymentSchema());
    while (m.find()) {
      inSchema.add(m.group(1));
    }
    assertEquals(inSchema, new TreeSet<>(names), "the formats the schema uses");
  }

  @Test
  void anUnknownFormatIsABug() {
    assertThrows(IllegalArgumentException.class, () -> Formats.check("lbc-nothing", "x"));
  }

  @Test
  void aCheckSaysWhatIsWrong() {
    assertEquals(null, Formats.check("lbc-ip", "192.0.2.1"));
    assertEquals(
        "`-x` is not valid: names start with a letter or digit and use only letters, digits, `.`,"
            + " `_` and `-` (at most 63)",
        Formats.check("lbc-name", "-x"));
  }
}
