package dev.lbc.compiler.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Lines, columns and slices agree with a plain walk over the text, astral characters included. */
class LineIndexTest {
  @Test
  void everyLineEndingEndsALine() {
    LineIndex index = LineIndex.of("a\nb\r\nc\rd\n");
    assertEquals(5, index.lineCount());
    assertEquals("c", index.line(3));
    assertEquals("d", index.line(4));
    assertEquals("", index.line(5));
    assertEquals("", index.line(6));
    assertEquals("a\nb\nc\nd\n", index.withLf());
    assertEquals(3, index.lineOf(5));
    assertEquals(1, index.columnOf(5));
  }

  @Test
  void columnsCountCodePointsOnLongLinesWithAstralCharacters() {
    StringBuilder b = new StringBuilder("x\n");
    for (int i = 0; i < 5_000; i++) {
      b.append(i % 7 == 0 ? "\uD83D\uDE00" : "a");
    }
    String text = b.toString();
    LineIndex index = LineIndex.of(text);
    String line = index.line(2);
    assertEquals(line.codePointCount(0, line.length()), index.length(2));
    for (int column = 1; column <= index.length(2) + 1; column += 37) {
      int expected = 2 + line.offsetByCodePoints(0, column - 1);
      assertEquals(expected, index.offset(2, column), "column " + column);
      assertEquals(column, index.columnOf(expected), "offset " + expected);
    }
    assertEquals(
        line.substring(line.offsetByCodePoints(0, 99), line.offsetByCodePoints(0, 219)),
        index.slice(2, 100, 220));
    assertEquals(line.length() + 2, index.offset(2, 1_000_000), "clamped to the line");
  }
}
