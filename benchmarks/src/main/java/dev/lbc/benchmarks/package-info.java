/**
 * JMH benchmarks, outside the product: {@link LintBenchmark} runs every rule over deployments of up
 * to 10,000 services, the pipeline on the largest files the limits allow, and the text report of a
 * finding on every line, so a rule that stops being linear shows. Uses compiler and validators;
 * nothing uses it. Run with scripts/bench-lint.sh.
 */
package dev.lbc.benchmarks;
