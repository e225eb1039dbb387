package dev.lbc.cli;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.spi.Rules;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lbc explain ID}: the rule's page. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Explain a rule: what it catches, why, an example and the fix.",
    footer = {"%nExample:%n  lbc explain LBC101"})
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "A rule ID (LBC101) or name (dr-port-translation).")
  String id;

  @Override
  public Integer call() {
    Rules rules = Rules.load();
    RuleDescriptor rule = rules.find(id);
    if (rule == null) {
      List<String> known = rules.descriptors().stream().map(RuleDescriptor::id).toList();
      String suggestion = Messages.didYouMean(id.toUpperCase(Locale.ROOT), known);
      throw new Main.UsageError(
          "no rule "
              + Messages.quote(id)
              + (suggestion == null
                  ? "; `lbc rules` lists them"
                  : "; did you mean " + suggestion + "?"));
    }
    spec.commandLine().getOut().print(rule.page());
    spec.commandLine().getOut().flush();
    return Main.OK;
  }
}
