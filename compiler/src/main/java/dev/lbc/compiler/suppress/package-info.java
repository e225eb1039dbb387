/**
 * {@code # lbc-disable LBC201 reason} comments, in YAML and the DSL alike: {@link Suppressions}
 * scans the comments against the data tree, silences the named rules for the next node (or the
 * whole file, from the header) and reports bad (LBC009) and, on request, unused (LBC010)
 * directives. Runs after the rules; knows rule IDs, not rules. Start at {@link Suppressions#scan}.
 */
package dev.lbc.compiler.suppress;
