package dev.lbc.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A folder search's sniff of a YAML file's first key, read from bytes in blocks, answers what the
 * first version answered (a Reader a character at a time, and the pattern below) for every text,
 * and stops at the same limit. That version is kept here as the oracle.
 */
class FirstKeyProperties {
  private static final Pattern LBC_KEY = Pattern.compile("^(lbc|\"lbc\"|'lbc')\\s*:.*");

  @Property(tries = 3000)
  void aTextIsADeploymentExactlyWhenTheFirstVersionSaidSo(@ForAll("texts") String text)
      throws IOException {
    assertEquals(oracle(new StringReader(text), Integer.MAX_VALUE), FirstKey.isLbc(text));
  }

  @Property(tries = 3000)
  void theSniffStopsWhereTheFirstVersionStopped(
      @ForAll("asciiTexts") String text, @ForAll @IntRange(min = 0, max = 40) int limit)
      throws IOException {
    assertEquals(
        oracle(new StringReader(text), limit),
        FirstKey.isLbc(new ByteArrayInputStream(text.getBytes(UTF_8)), limit),
        "limit " + limit);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withChars("lbc\"': \t\u000B\f\n\r#-%x1\uFEFF\u2028\u0085\u00e9")
            .ofMaxLength(40),
        Arbitraries.of("lbc", "\"lbc\"", "'lbc'", "# c\n", "---\n", "%YAML 1.2\n", "\uFEFF", " ")
            .list()
            .ofMaxSize(6)
            .map(parts -> String.join("", parts))
            .flatMap(
                key ->
                    Arbitraries.of(": 1\n", " \t: 1", ":", ": 1\u2028\n", ":\u0085", "\f:\u2029x")
                        .map(rest -> key + rest)));
  }

  @Provide
  Arbitrary<String> asciiTexts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("lbc\"': \t\n\r#-%x1").ofMaxLength(60),
        Arbitraries.of("# a comment line\n", "\n", "---\n", "lbc: 1\n", "name: x\n")
            .list()
            .ofMaxSize(5)
            .map(parts -> String.join("", parts)));
  }

  private static boolean oracle(Reader in, int maxChars) throws IOException {
    StringBuilder line = new StringBuilder();
    for (long n = 0; n <= maxChars; n++) {
      int c = in.read();
      if (c == -1 || c == '\n' || c == '\r') {
        Boolean decided = oracleLine(line.toString());
        if (decided != null || c == -1) {
          return decided != null && decided;
        }
        line.setLength(0);
      } else {
        line.append((char) c);
      }
    }
    return false;
  }

  private static Boolean oracleLine(String raw) {
    String line = raw.replace("\uFEFF", "");
    String t = line.strip();
    if (t.isEmpty() || t.startsWith("#") || t.equals("---") || t.startsWith("%")) {
      return null;
    }
    return LBC_KEY.matcher(line).matches();
  }
}
