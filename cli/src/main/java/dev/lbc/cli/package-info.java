/**
 * The {@code lbc} command (picocli): {@link Main} and one class per subcommand (lint, build, run,
 * convert, fmt, explain, rules), with option checks, input expansion and the {@code .lbc.yaml}
 * project file. The outermost layer: it parses arguments, wires compiler, validators, backends and
 * runtime (a build is {@code backends.build.Build}, a run {@code runtime.serve.Serve}), formats
 * their output, and maps results to exit codes (0 clean, 1 findings, 2 usage or unreadable input, 3
 * a bug). Nothing depends on it; no class here does the work itself. Start at {@link Main}.
 */
package dev.lbc.cli;
