package dev.lbc.backends.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lbc.backends.diff.ModelChange.Kind;
import dev.lbc.compiler.cert.CertificateSource;
import dev.lbc.compiler.cert.CertificateSource.Format;
import dev.lbc.compiler.model.Auth;
import dev.lbc.compiler.model.ExchangeVersion;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.CertificatePlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the plan comparison shows a reviewer, and what it never shows (a PR comment is public). */
class PlanChangesTest {
  private static Plan plan(String source, String pfxPassword, String literal, String hash) {
    return new Plan(
        "lab",
        source,
        new ExchangeVersion(ExchangeVersion.Release.EXCHANGE_2016, null),
        false,
        Auth.NEGOTIATE,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(
            new CertificatePlan("web", new CertificateSource(Format.PFX, "web.pfx", pfxPassword))),
        List.of(),
        16384,
        hash,
        null,
        literal,
        1);
  }

  @Test
  void secretsAreReportedChangedButNeverShown() {
    List<ModelChange> changes =
        PlanChanges.between(
            plan("a.yaml", "old-pfx-secret", "old-admin", "$6$old"),
            plan("a.yaml", "new-pfx-secret", "new-admin", "$6$new"));
    assertEquals(
        List.of(
            new ModelChange(
                "certificates[web].source.password", Kind.CHANGED, "(secret)", "(secret)"),
            new ModelChange("adminPasswordHash", Kind.CHANGED, "(secret)", "(secret)"),
            new ModelChange("adminPasswordLiteral", Kind.CHANGED, "(secret)", "(secret)")),
        changes);
  }

  @Test
  void theInputsNameIsNoChange() {
    assertEquals(
        List.of(),
        PlanChanges.between(plan("a.yaml", "p", "l", "h"), plan("b.yaml", "p", "l", "h")));
  }
}
