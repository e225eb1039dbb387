package dev.lbc.cli;

import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.render.Format;
import dev.lbc.compiler.render.Report;
import dev.lbc.compiler.spi.Rules;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A run that stopped on a usage problem (exit 2), reported in the command's {@code --format} as
 * well as on standard error: a CI system that reads only the report (GitHub annotations, a JUnit
 * dashboard, code scanning, GitLab Code Quality) must see why the check failed, not an empty or
 * missing document.
 */
final class ProblemReport {
  private ProblemReport() {}

  /**
   * Says {@code message} on standard error, and in the command's format if it is not text; returns
   * the exit code of a usage error.
   */
  static int usage(CommandLine commandLine, String file, String message) {
    commandLine.getErr().println("lbc: " + Messages.printable(message));
    FormatOption output = outputOf(commandLine.getCommandSpec());
    if (output != null) {
      render(commandLine, output.format, file, message);
    }
    return Main.USAGE;
  }

  /**
   * Says a command-line error in the format {@code args} ask for, if the command has one: the
   * options did not parse, so the format is read from the arguments themselves ({@link
   * FormatOption#requested}), wherever it stands relative to the mistake.
   */
  static void badOption(CommandLine commandLine, String[] args, String message) {
    if (outputOf(commandLine.getCommandSpec()) != null) {
      render(commandLine, FormatOption.requested(args), null, message);
    }
  }

  private static void render(CommandLine commandLine, Format format, String file, String message) {
    if (format == Format.TEXT) {
      return; // standard error said it
    }
    Report report =
        Report.failed(
            new Report.Problem(file, message), Rules.load().descriptors(), Main.version());
    commandLine.getOut().print(format.renderer(false).render(report));
    commandLine.getOut().flush();
  }

  /** The command's output options, if it prints diagnostics. */
  private static FormatOption outputOf(CommandSpec spec) {
    for (CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof FormatOption o) {
        return o;
      }
    }
    return null;
  }
}
