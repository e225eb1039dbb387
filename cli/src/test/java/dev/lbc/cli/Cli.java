package dev.lbc.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Test helper: the command line run in-process, as a user would type it. */
final class Cli {
  private Cli() {}

  record Run(int exit, String out, String err) {}

  static Run lbc(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }
}
