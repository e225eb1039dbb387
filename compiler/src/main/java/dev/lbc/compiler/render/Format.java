package dev.lbc.compiler.render;

/** The output formats of {@code --format}. */
public enum Format {
  TEXT,
  JSON,
  SARIF,
  GITHUB,
  JUNIT,
  GITLAB;

  /**
   * The renderer for this format; {@code color} applies to text only, {@code workspace} to the
   * formats a CI system matches against repository paths.
   */
  public Renderer renderer(boolean color, Workspace workspace) {
    return switch (this) {
      case TEXT -> new TextRenderer(color);
      case JSON -> new JsonRenderer();
      case SARIF -> new SarifRenderer(workspace);
      case GITHUB -> new GithubRenderer(workspace);
      case JUNIT -> new JunitRenderer();
      case GITLAB -> new GitlabRenderer(workspace);
    };
  }

  /** The renderer for this format, in this process's workspace ({@link Workspace#current}). */
  public Renderer renderer(boolean color) {
    return renderer(color, Workspace.current());
  }

  /** The format's name as {@code --format} takes it. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
