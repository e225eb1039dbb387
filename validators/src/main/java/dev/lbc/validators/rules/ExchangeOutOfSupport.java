package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.ExchangeVersion;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** LBC217: the Exchange release is past Microsoft's end of support at the lint time. */
public final class ExchangeOutOfSupport implements LintRule {
  /** Microsoft's table of supported Exchange versions, with the upgrade paths to each. */
  static final String SUPPORTABILITY_MATRIX =
      "https://learn.microsoft.com/exchange/plan-and-deploy/supportability-matrix";

  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC217",
          "exchange-out-of-support",
          Severity.WARNING,
          "The Exchange version is past Microsoft's end of support",
          """
          Microsoft ended support for Exchange 2013 on 2023-04-11, and for Exchange 2016 and
          2019 on 2025-10-14: no security updates, no fixes, no help. An Exchange server faces
          the internet through this load balancer, and an unpatched one is how mailboxes are
          taken. Exchange Server SE (Subscription Edition) is the supported release: an in-place
          upgrade from Exchange 2019 CU14 or CU15, or a side-by-side migration from 2016 (and
          from 2013 through 2016 or 2019). The check uses the lint time (`--now`,
          SOURCE_DATE_EPOCH), so a pinned CI run stays the same from day to day.
          """,
          "Upgrade to Exchange Server SE and write `exchange: se` (the upgrade paths are in"
              + " Microsoft's Exchange Server supportability matrix, "
              + SUPPORTABILITY_MATRIX
              + "). While the migration runs, `# lbc-disable LBC217 <reason>` in the header"
              + " silences it for the file.",
          "Microsoft Lifecycle (Exchange Server 2013, 2016, 2019 end of support); Exchange Server"
              + " supportability matrix, "
              + SUPPORTABILITY_MATRIX,
          Example.mark(
              Example.with("").replace("exchange: se", "exchange: 2016"),
              "exchange: 2016",
              "LBC217"),
          Example.with(""));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    ExchangeVersion.Release release = deployment.exchange().release();
    LocalDate today = LocalDate.ofInstant(context.now(), ZoneOffset.UTC);
    release
        .endOfSupport()
        .filter(today::isAfter)
        .ifPresent(
            end ->
                context.report(
                    context
                        .at(
                            deployment.src().of("exchange"),
                            release.title() + " is out of support: Microsoft ended it on " + end)
                        .withLabel("no security updates since " + end)
                        .withHelp(
                            "upgrade to Exchange Server SE and write `exchange: se`; upgrade"
                                + " paths: "
                                + SUPPORTABILITY_MATRIX)));
  }
}
