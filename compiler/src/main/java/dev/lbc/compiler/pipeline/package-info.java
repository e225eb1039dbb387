/**
 * The compile pipeline for one file, its input limits and result. Side effects (reading files) stay
 * at this edge; every stage behind it is a function from data to data plus diagnostics.
 */
package dev.lbc.compiler.pipeline;
