/** Suppression comments ({@code # lbc-disable}), shared by both syntaxes. */
package dev.lbc.compiler.suppress;
