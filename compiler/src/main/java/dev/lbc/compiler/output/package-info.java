/**
 * The build's one side effect, after every backend has rendered in memory: {@link BuildFolder}
 * replaces the folder of {@code lbc build -o} only when its {@code .lbc-build} marker proves lbc
 * wrote every file in it, and moves each file in with an atomic rename and the permissions it is
 * given; {@link SecretFiles} writes private keys owner-only, for the build and for {@code lbc run}.
 * Knows files and bytes, not plans. Start at {@link BuildFolder#write}.
 */
package dev.lbc.compiler.output;
