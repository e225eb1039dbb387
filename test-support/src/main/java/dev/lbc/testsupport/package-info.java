/**
 * What the modules' tests share, so that each is written once: {@link Lbc} compiles and plans a
 * deployment written in a test, {@link Repo} finds the repository's examples/ and golden/, and
 * {@link Golden} compares output with a golden file (a unified diff and the bless command on a
 * mismatch, orphaned golden files reported) or rewrites it in bless mode. Depended on with test
 * scope only; the compiler's own tests cannot use it (this module depends on the compiler).
 */
package dev.lbc.testsupport;
