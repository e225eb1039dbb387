/**
 * The data tree: what both front ends produce and what the schema checks. It is plain data with
 * spans; no Jackson or ANTLR type leaks past the front ends.
 */
package dev.lbc.compiler.tree;
