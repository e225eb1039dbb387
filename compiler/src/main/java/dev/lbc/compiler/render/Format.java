package dev.lbc.compiler.render;

/** The output formats of {@code --format}. */
public enum Format {
  TEXT,
  JSON,
  SARIF,
  GITHUB,
  JUNIT;

  /** The renderer for this format; {@code color} applies to text only. */
  public Renderer renderer(boolean color) {
    return switch (this) {
      case TEXT -> new TextRenderer(color);
      case JSON -> new JsonRenderer();
      case SARIF -> new SarifRenderer();
      case GITHUB -> new GithubRenderer();
      case JUNIT -> new JunitRenderer();
    };
  }
}
