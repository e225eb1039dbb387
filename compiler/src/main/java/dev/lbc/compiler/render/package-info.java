/**
 * Diagnostics as documents, one {@link Renderer} per {@code --format}: {@link TextRenderer} (the
 * {@code file:line:col: severity[ID]: message} header and snippet,
 * docs/adr/0010-diagnostic-header-format.md), JSON, SARIF, GitHub workflow commands, JUnit XML and
 * GitLab Code Quality, each escaping user text for its syntax. The CI formats name files relative
 * to the checkout ({@link Workspace}) and identify findings across edits ({@code Fingerprints});
 * docs/ci.md says what each CI system is given. The end of {@code lbc lint}: reads diagnostics,
 * sources and descriptors, never the model. Start at {@link TextRenderer}.
 */
package dev.lbc.compiler.render;
