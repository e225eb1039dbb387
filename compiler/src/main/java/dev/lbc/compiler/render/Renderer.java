package dev.lbc.compiler.render;

/** Turns a report into one output document (text, JSON, SARIF, workflow commands, JUnit XML). */
public interface Renderer {
  String render(Report report);
}
