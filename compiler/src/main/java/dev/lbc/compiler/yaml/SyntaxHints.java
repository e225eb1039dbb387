package dev.lbc.compiler.yaml;

/** Plain-words help for the YAML parser's most common complaints. */
final class SyntaxHints {
  private SyntaxHints() {}

  static String forProblem(String problem) {
    if (problem == null) {
      return null;
    }
    if (problem.contains("mapping values are not allowed")) {
      return "a value that contains `: ` must be quoted, and each `key: value` needs its own line";
    }
    if (problem.contains("'\\t'") || problem.contains("\\t(TAB)")) {
      return "YAML indents with spaces; replace the tab";
    }
    if (problem.contains("could not find expected ':'")) {
      return "each entry of a mapping is `key: value`, with a space after the colon";
    }
    if (problem.contains("expected ',' or ']'") || problem.contains("expected ',' or '}'")) {
      return "close the bracket, or separate the items with commas";
    }
    if (problem.contains("expected <block end>")) {
      return "check the indentation: this line is not aligned with the entries above it";
    }
    if (problem.contains("found undefined alias")) {
      return "define the anchor (&name) before the alias (*name)";
    }
    if (problem.contains("found unexpected end of stream")) {
      return "a quote or bracket opened earlier is never closed";
    }
    return null;
  }
}
