package dev.lbc.cli;

import dev.lbc.compiler.pipeline.Limits;
import dev.lbc.compiler.pipeline.Syntax;
import dev.lbc.compiler.source.SourceText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Which files a folder search takes as deployments: {@code *.lbc}, {@code *.lbc.yaml} and YAML
 * files whose first key is {@code lbc:} (a repository also holds CI workflows, Compose files and
 * Kubernetes manifests, which are no deployments), and which folders it never enters. A file named
 * on the command line is read whatever its first key.
 */
final class LbcFiles {
  /** Folders that tools create and no one keeps a deployment in. */
  static final Set<String> TOOL_FOLDERS =
      Set.of("node_modules", "target", "vendor", "__pycache__", ".git", ".hg", ".svn");

  /**
   * How much of a YAML file is read, at most, to find its first key: as much as a deployment may
   * hold, so that no comment header, however long, hides it; reading stops at the first content
   * line, so a search reads a line or two of most files.
   */
  static final int SNIFF_CHARS = Limits.MAX_FILE_BYTES;

  private LbcFiles() {}

  /** A folder a search skips: hidden ({@code .name}) or a tool's. */
  static boolean skippedFolder(String name) {
    return name.startsWith(".") || TOOL_FOLDERS.contains(name);
  }

  /** Whether {@code p} has a deployment's extension (.lbc, .yaml, .yml). */
  static boolean named(Path p) {
    return Syntax.of(p.getFileName().toString()) != null;
  }

  /**
   * Whether {@code p}, found in a folder, is a deployment. An entry that cannot be read as a
   * regular file (a FIFO, a dangling link, a link loop) is kept when its name is a deployment's, so
   * that reading it reports what it is; it is never opened here, so nothing blocks.
   */
  static boolean isDeployment(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    Syntax syntax = Syntax.of(name);
    if (syntax == null || name.equals(ProjectConfig.FILE_NAME)) {
      return false;
    }
    if (syntax == Syntax.DSL || name.endsWith(".lbc.yaml") || name.endsWith(".lbc.yml")) {
      return true;
    }
    if (SourceText.problem(p) != null) {
      return true;
    }
    try (InputStream in = Files.newInputStream(p)) {
      return FirstKey.isLbc(in, SNIFF_CHARS);
    } catch (IOException e) {
      return true; // unreadable: lint says why
    }
  }

  /**
   * The syntax of standard input: from {@code name}'s extension when it has one, else sniffed (a
   * DSL file starts with {@code deployment}).
   */
  static Syntax stdinSyntax(String name, String text) {
    Syntax byName = name == null ? null : Syntax.of(name);
    if (byName != null) {
      return byName;
    }
    for (String line : text.replace("\uFEFF", "").split("\r?\n|\r", -1)) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        return t.matches("deployment(\\s.*)?") ? Syntax.DSL : Syntax.YAML;
      }
    }
    return Syntax.YAML;
  }
}
