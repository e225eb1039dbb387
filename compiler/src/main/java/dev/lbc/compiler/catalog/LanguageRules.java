package dev.lbc.compiler.catalog;

import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.pipeline.Limits;
import java.util.List;

/**
 * The rules that the front ends and the resolver report (LBC001–LBC010): syntax, schema,
 * references, duplicates, limits and suppression directives. The lint rules proper live in the
 * validators module.
 *
 * <p>LBC001–LBC005 cannot be configured: a file that does not parse or violates the schema has no
 * model to lint. Syntax errors and limits cannot be suppressed either: a broken or hostile file
 * must not silence what stopped lbc from reading it. The suppression rules themselves are reported
 * after suppressions are applied, so no directive reaches them.
 */
public final class LanguageRules {
  private LanguageRules() {}

  /** {@code n} with a comma between groups of three digits, as {@code %,d} in the root locale. */
  static String grouped(long n) {
    String digits = Long.toString(n);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && digits.charAt(i - 1) != '-' && (digits.length() - i) % 3 == 0) {
        b.append(',');
      }
      b.append(digits.charAt(i));
    }
    return b.toString();
  }

  private static final String HEAD =
      """
      lbc: 1
      name: demo
      exchange: 2016
      appliances:
        primary: { hostname: lb1, address: 192.168.30.5/24 }
      servers:
        - { name: MBOX1, address: 192.168.30.20 }
      """;

  private static final String SERVICES =
      "services:\n  - { name: MBOX-HTTPS, vip: 192.168.30.10, ports: [443], mode: snat,"
          + " real-servers: [{ server: MBOX1 }] }\n";

  public static final RuleDescriptor SYNTAX =
      new RuleDescriptor(
          "LBC001",
          "syntax-error",
          Severity.ERROR,
          "Syntax error",
          """
          The file is not well-formed YAML, or not a sentence of the lbc DSL. Nothing else can be
          checked until it parses, so lbc reports every syntax error it can recover from and stops.
          """,
          "Correct the syntax at the position shown. For YAML, check indentation and that every"
              + " `key: value` has a space after the colon; for the DSL, the message lists the"
              + " words that may appear there.",
          "",
          HEAD
              + "services:\n  - { name: MBOX-HTTPS, vip: 192.168.30.10, ports: [443, mode: snat,"
              + " real-servers: [{ server: MBOX1 }] }  # ~ LBC001\n",
          HEAD + SERVICES,
          /* configurable= */ false,
          /* suppressible= */ false);

  public static final RuleDescriptor SCHEMA =
      new RuleDescriptor(
          "LBC002",
          "schema-violation",
          Severity.ERROR,
          "Schema violation: unknown key, wrong type or value out of range",
          """
          The file parses but does not describe a deployment: a key lbc does not know (often a
          typo, which would otherwise be ignored silently), a value of the wrong type, a port
          outside 1-65535, a malformed address, CIDR, range or duration, or a name outside
          `^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$`. Values are checked strictly because they reach
          HAProxy, keepalived, iptables and PowerShell files: nothing unchecked may.

          YAML 1.1 readers turn `on`, `no` and `0777` into a boolean and an octal number. lbc
          never does: a name keeps its literal text, and a number or boolean field rejects such a
          value with a message that says how to write it.
          """,
          "Use the key or value the message suggests; `lbc explain` pages and docs/input-format.md"
              + " list every key.",
          "",
          HEAD
              + "services:\n  - { name: MBOX-HTTPS, vip: 192.168.30.10, ports: [443], mode: snat,"
              + " helth-check: { type: https-get }, real-servers: [{ server: MBOX1 }] }  # ~ LBC002\n",
          HEAD
              + "services:\n  - { name: MBOX-HTTPS, vip: 192.168.30.10, ports: [443], mode: snat,"
              + " health-check: { type: https-get }, real-servers: [{ server: MBOX1 }] }\n",
          /* configurable= */ false,
          /* suppressible= */ true);

  public static final RuleDescriptor UNRESOLVED =
      new RuleDescriptor(
          "LBC003",
          "unresolved-reference",
          Severity.ERROR,
          "Unresolved reference to a server, certificate or service",
          """
          A real server names a server that is not declared, an SSL offload names a certificate
          that is not declared, or a namespace names a service that is not declared. The build
          cannot know which address or file is meant.
          """,
          "Declare the missing item, or correct the name (the message suggests the closest one).",
          "",
          HEAD
              + "services:\n  - { name: MBOX-HTTPS, vip: 192.168.30.10, ports: [443], mode: snat,"
              + " real-servers: [{ server: MBOX2 }] }  # ~ LBC003\n",
          HEAD + SERVICES,
          /* configurable= */ false,
          /* suppressible= */ true);

  public static final RuleDescriptor DUPLICATE =
      new RuleDescriptor(
          "LBC004",
          "duplicate-name",
          Severity.ERROR,
          "Duplicate name",
          """
          Two servers, services, certificates or appliances share a name, a namespace host is
          declared twice, or a real server is listed twice in one service. Names identify files in
          the build output (`servers/<name>/`, `appliances/<hostname>/`) and labels in HAProxy, so
          they must be unique. The same key twice in one YAML mapping is reported here too: YAML
          libraries keep the last one silently.
          """,
          "Rename or remove one of the two; the note points at the first definition.",
          "",
          HEAD + "  - { name: MBOX1, address: 192.168.30.21 }  # ~ LBC004\n" + SERVICES,
          HEAD + "  - { name: MBOX2, address: 192.168.30.21 }\n" + SERVICES,
          /* configurable= */ false,
          /* suppressible= */ true);

  public static final RuleDescriptor LIMITS =
      new RuleDescriptor(
          "LBC005",
          "input-limits",
          Severity.ERROR,
          "Input limits exceeded: size, nesting depth or YAML aliases",
          // from the limits themselves, so that the page cannot drift from the code
          // (concatenated, not String.format: the Formatter's locale data costs every lint)
          "lbc reads untrusted files in CI and on pull requests. It refuses, before doing any\n"
              + "work, a file over "
              + Limits.MAX_FILE_BYTES / (1024 * 1024)
              + " MiB, nesting deeper than "
              + Limits.MAX_DEPTH
              + " levels (YAML collections or DSL\n"
              + "blocks), more than "
              + Limits.MAX_ALIASES
              + " YAML aliases, or alias expansion past "
              + grouped(Limits.MAX_NODES)
              + " nodes (the \"billion\n"
              + "laughs\" attack), so that a hostile file costs milliseconds, not memory.\n",
          "Split the deployment, flatten the nesting, or write the repeated parts out instead of"
              + " using YAML anchors and aliases.",
          "",
          "a: &a [x, x, x, x, x, x, x, x, x]\n"
              + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
              + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
              + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]  # ~ LBC005\n",
          "",
          /* configurable= */ false,
          /* suppressible= */ false);

  public static final RuleDescriptor BAD_SUPPRESSION =
      new RuleDescriptor(
          "LBC009",
          "malformed-suppression",
          Severity.WARNING,
          "Suppression comment without a reason, with an unknown rule ID, or for a rule that"
              + " cannot be suppressed",
          """
          `# lbc-disable LBCxxx reason` silences a rule for the node on the next line, or for the
          whole file when it stands in the header. A reviewer must see why a finding was
          accepted, so the reason is required; a misspelt rule ID silences nothing and is
          reported too, and so is a rule that no comment can silence (syntax errors, input
          limits and these suppression rules themselves).
          """,
          "Write `# lbc-disable LBC201 <why this is acceptable here>` with a known rule ID.",
          "",
          "# lbc-disable LBC201  # ~ LBC009\n" + HEAD + SERVICES,
          "# lbc-disable LBC201 the legacy app needs source affinity\n" + HEAD + SERVICES,
          /* configurable= */ true,
          /* suppressible= */ false);

  public static final RuleDescriptor UNUSED_SUPPRESSION =
      new RuleDescriptor(
          "LBC010",
          "unused-suppression",
          Severity.WARNING,
          "Suppression comment that suppresses nothing",
          """
          A `# lbc-disable` comment whose rule no longer fires on the node below it hides nothing
          today but would hide a future finding. Reported with `--report-unused-disables`; a
          directive at the end of a line that silences nothing on that line is always reported,
          because it is on the wrong line and a reviewer reading it believes a finding was accepted.
          """,
          "Remove the comment.",
          "",
          "",
          "",
          /* configurable= */ true,
          /* suppressible= */ false);

  /** All language rules, sorted by ID. */
  public static final List<RuleDescriptor> ALL =
      List.of(SYNTAX, SCHEMA, UNRESOLVED, DUPLICATE, LIMITS, BAD_SUPPRESSION, UNUSED_SUPPRESSION);
}
