package dev.lbc.cli;

import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.pipeline.Compiler;
import picocli.CommandLine;

/**
 * How {@code lbc} answers a command line it cannot parse or a command that throws. Named classes,
 * not lambdas: a lambda implementing a picocli interface (picocli is compiled for Java 5) makes the
 * class-data archive drop that interface and everything using it.
 */
final class ErrorHandlers {
  private ErrorHandlers() {}

  /** A mistake on the command line: one line naming it, one pointing to help; exit 2. */
  static final class Parameters implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] params) {
      CommandLine c = e.getCommandLine();
      c.getErr().println("lbc: " + Messages.printable(e.getMessage()));
      c.getErr().println("Try `" + c.getCommandSpec().qualifiedName() + " --help`.");
      ProblemReport.badOption(c, params, e.getMessage());
      return Main.USAGE;
    }
  }

  /** An exception from a command: a usage problem (exit 2), else a bug in lbc (exit 3). */
  static final class Execution implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
      if (e instanceof Compiler.UnreadableInput || e instanceof Main.UsageError) {
        return ProblemReport.usage(commandLine, FileUsageError.fileOf(e), e.getMessage());
      }
      if (FileProblem.of(e) != null) {
        return ProblemReport.usage(commandLine, null, FileProblem.of(e));
      }
      boolean debug = parseResult.originalArgs().contains("--debug");
      commandLine
          .getErr()
          .println(
              "lbc: internal error: "
                  + Messages.printable(e.toString())
                  + " (this is a bug in lbc, not in your input; please report it at "
                  + Main.REPORT_URL
                  + " with the command line"
                  + (debug ? ")" : " and the output of --debug)"));
      if (debug) {
        e.printStackTrace(commandLine.getErr());
      }
      return Main.INTERNAL;
    }
  }
}
