package dev.lbc.compiler.suppress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where a {@code # lbc-disable} comment starts on a line (ADR 0022): on its own line or at the end
 * of a content line, never inside a quoted value or glued to a word, where it is no comment.
 */
class TrailingDirectiveTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`# lbc-disable LBC003 why` | 0",
        "`    # lbc-disable LBC003 why` | 4",
        "`  mode: dr  # lbc-disable LBC101 why` | 12",
        "`  real MBOX9:443 # lbc-disable LBC003 why` | 17",
        "`  name: \"a # lbc-disable LBC003 x\"` | -1",
        "`  name: 'a # lbc-disable LBC003 x'` | -1",
        "`  name: 'it''s' # lbc-disable LBC003 x` | 16",
        "`  name: \"say \\\" # lbc-disable LBC003\"` | -1",
        "`  name: a#lbc-disable LBC003 x` | -1",
        "`  mode: dr # a plain comment` | -1",
        "`  mode: dr # note # lbc-disable LBC101 x` | -1",
        // a quote inside a plain scalar opens no string in YAML: the comment after it is one
        "`  path: /owa/it's # lbc-disable LBC002 x` | 18",
        "`  - { path: /a\"b, x: 1 } # lbc-disable LBC002 x` | 25",
        // a quote does open one after a flow indicator or a space
        "`  x: {a: 1,'b # lbc-disable LBC002 x': 2}` | -1",
        "`  x: ['a # lbc-disable LBC002 x']` | -1",
      })
  void findsTheDirectiveCommentOnly(String line, int expected) {
    assertEquals(expected, Suppressions.directiveStart(line));
  }
}
