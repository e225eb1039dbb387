package dev.lbc.compiler.render;

import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.source.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Stable identities of findings, for code scanning ({@code partialFingerprints}) and GitLab Code
 * Quality ({@code fingerprint}), which match a finding across runs to show it as new, fixed or
 * unchanged. An identity is a hash of the rule ID, the file's repository path and the source text
 * of the lines the finding points at, whitespace collapsed: an edit elsewhere that moves those
 * lines keeps it, an edit to them makes a new finding. Line numbers and messages (which may quote
 * other lines) are left out. Findings that would hash alike (the same rule on two identical lines
 * of a file) are told apart by their order among themselves.
 */
final class Fingerprints {
  private Fingerprints() {}

  /** The key under SARIF {@code partialFingerprints}; a new hash gets a new version. */
  static final String SARIF_KEY = "lbcFinding/v1";

  /** Lines of a long span that go into the hash; the start of a block identifies it. */
  private static final int MAX_LINES = 8;

  /** One fingerprint per diagnostic of {@code shown}, in the same order. */
  static List<String> of(List<Diagnostic> shown, Workspace workspace) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> out = new ArrayList<>(shown.size());
    for (Diagnostic d : shown) {
      String key =
          d.code() + '\0' + workspace.path(d.span().file().displayPath()) + '\0' + text(d.span());
      int n = seen.merge(key, 1, Integer::sum);
      out.add(sha256(key + '\0' + n).substring(0, 32));
    }
    return out;
  }

  /** The fingerprint of something that is not a finding: a problem with an input. */
  static String of(String path, String message) {
    return sha256("lbc-input\0" + path + '\0' + message).substring(0, 32);
  }

  /** The lines {@code span} covers, each stripped, whitespace collapsed. */
  private static String text(Span span) {
    StringBuilder b = new StringBuilder();
    int last = Math.min(span.endLine(), span.line() + MAX_LINES - 1);
    for (int line = span.line(); line <= last; line++) {
      b.append(span.file().line(line).strip().replaceAll("\\s+", " ")).append('\n');
    }
    return b.toString();
  }

  private static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
