package dev.lbc.compiler.catalog;

import dev.lbc.compiler.diag.Severity;

/**
 * Everything known about one rule ID, in one place (Error Prone's {@code @BugPattern}): it drives
 * the diagnostic prefix, suppression, {@code lbc explain}, {@code lbc rules}, SARIF rule metadata
 * and the generated docs.
 *
 * @param id stable ID, e.g. {@code LBC101}
 * @param slug kebab-case name, e.g. {@code dr-port-translation}
 * @param severity default severity
 * @param title one line, no trailing period
 * @param rationale why it matters, citing the guide section where the rule comes from one
 * @param fix how to fix it
 * @param guide the guide and section the rule enforces, or "" for language rules
 * @param badExample a YAML deployment that triggers the rule, with {@code # ~ ID} at the end of
 *     each line the rule reports (the tests prove it reports exactly those lines)
 * @param goodExample the same deployment fixed (the tests prove the rule stays silent)
 * @param configurable whether a team may disable the rule or change its severity ({@code
 *     --disable}, {@code --severity}, {@code .lbc.yaml})
 * @param suppressible whether a {@code # lbc-disable} comment may silence it
 */
public record RuleDescriptor(
    String id,
    String slug,
    Severity severity,
    String title,
    String rationale,
    String fix,
    String guide,
    String badExample,
    String goodExample,
    boolean configurable,
    boolean suppressible) {

  /** A lint rule's descriptor: a team may configure it and suppress its findings. */
  public RuleDescriptor(
      String id,
      String slug,
      Severity severity,
      String title,
      String rationale,
      String fix,
      String guide,
      String badExample,
      String goodExample) {
    this(id, slug, severity, title, rationale, fix, guide, badExample, goodExample, true, true);
  }

  /** The page printed by {@code lbc explain ID}, in Markdown. */
  public String page() {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(id).append(": ").append(title).append("\n\n");
    b.append("Severity: ").append(severity.word()).append("  \nName: ").append(slug).append("\n\n");
    b.append("## Why\n\n").append(rationale.strip()).append("\n\n");
    if (!guide.isEmpty()) {
      b.append("Source: ").append(guide).append("\n\n");
    }
    if (!badExample.isEmpty()) {
      b.append("## Example\n\n```yaml\n")
          .append(Markers.readable(badExample.strip()))
          .append("\n```\n\n");
    }
    b.append("## Fix\n\n").append(fix.strip()).append("\n");
    if (!goodExample.isEmpty()) {
      b.append("\n```yaml\n").append(goodExample.strip()).append("\n```\n");
    }
    if (suppressible) {
      b.append("\nSuppress for one node with `# lbc-disable ")
          .append(id)
          .append(" <reason>` on the line before it.\n");
    } else {
      b.append("\nA `# lbc-disable` comment cannot silence it.\n");
    }
    if (!configurable) {
      b.append("`--disable` and `--severity` cannot change it.\n");
    }
    return b.toString();
  }
}
