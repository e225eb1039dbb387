/**
 * The rule catalogue: {@link RuleDescriptor}, everything known about one rule ID, which drives
 * diagnostics, suppression, {@code lbc explain}, {@code lbc rules}, SARIF and docs/rules.md; and
 * {@link LanguageRules}, the descriptors of LBC001-LBC005, LBC009 and LBC010 that the front ends,
 * schema, resolver and suppressions report. Depends on {@code diag} only; lint rules keep their
 * descriptors in the validators module. Start at {@link RuleDescriptor}.
 */
package dev.lbc.compiler.catalog;
