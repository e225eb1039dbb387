package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lbc.testsupport.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line only parses and wires (issue 9): its classes stay small enough to read at a
 * glance, and name the types they use in imports, so that what a command depends on is the first
 * thing its file says. Work that grows a command belongs in a library: {@code runtime.serve} for
 * {@code lbc run}, {@code backends.build} for {@code lbc build}.
 */
class ThinCliTest {
  static final int MAX_LINES = 150;

  /** A package path followed by a type, as in {@code java.util.function.Consumer}. */
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "\\b(?:java|javax|sun|com|org|io|picocli|dev)(?:\\.[a-z][a-z0-9_]*)*\\.[A-Z]");

  private static List<Path> sources() throws IOException {
    try (Stream<Path> s = Files.walk(Repo.root().resolve("cli/src/main/java"))) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void noClassIsLongerThan150Lines() throws IOException {
    List<String> long_ = new ArrayList<>();
    for (Path p : sources()) {
      long lines = Files.readAllLines(p).size();
      if (lines > MAX_LINES) {
        long_.add(p.getFileName() + ": " + lines + " lines");
      }
    }
    assertEquals(
        List.of(),
        long_,
        "move the work into a library (runtime/serve, backends/build) or split the class");
  }

  @Test
  void typesAreImportedNotQualifiedInline() throws IOException {
    List<String> inline = new ArrayList<>();
    for (Path p : sources()) {
      List<String> lines = Files.readAllLines(p);
      for (int i = 0; i < lines.size(); i++) {
        String code = code(lines.get(i));
        if (!code.startsWith("import ") && !code.startsWith("package ")) {
          if (QUALIFIED.matcher(code).find()) {
            inline.add(p.getFileName() + ":" + (i + 1) + ": " + code);
          }
        }
      }
    }
    assertEquals(List.of(), inline, "import the type instead");
  }

  /** The line without comments and string literals (a comment may name a type in full). */
  private static String code(String line) {
    String s = line.strip();
    if (s.startsWith("*") || s.startsWith("/*") || s.startsWith("//")) {
      return "";
    }
    return s.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*", "").strip();
  }
}
