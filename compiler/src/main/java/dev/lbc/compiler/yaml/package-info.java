/**
 * The YAML front end, the first stage beside {@code dsl}: {@link YamlReader} reads a file into the
 * data tree with a span on every node, from SnakeYAML's events, refusing what the library would let
 * through (depth, aliases, tags, duplicate keys) and keeping YAML 1.1 typing out. SnakeYAML's types
 * stay in this package; the schema stage sees only the tree. Start at {@link YamlReader#read}.
 */
package dev.lbc.compiler.yaml;
