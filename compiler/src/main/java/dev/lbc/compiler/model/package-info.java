/**
 * The deployment model: small immutable records rooted at {@link Deployment}, keyword enums and a
 * {@link Src} of spans on each node that never takes part in equality
 * (docs/adr/0002-spans-outside-equality.md). It holds what was written: absent is null, and
 * defaults belong to the plan (docs/adr/0003-model-holds-what-was-written.md). Built from the tree,
 * read by the rules, printers and planner; depends on {@code value} and {@code source} only. Start
 * at {@link Service}.
 */
package dev.lbc.compiler.model;
