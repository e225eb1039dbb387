/**
 * Escaping user text for the file formats lbc writes that both the diagnostics renderers and the
 * backends need: {@link Xml} for JUnit reports and the topology SVG. A pure function of a string,
 * so any layer may use it (the backends may not reach into the front ends or the lint machinery,
 * see LayeringTest).
 */
package dev.lbc.compiler.text;
