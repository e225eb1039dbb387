/**
 * The model printed back as source, for {@code lbc convert}: {@link YamlPrinter} (canonical YAML,
 * quoted wherever a reader could retype a value) and {@link DslPrinter} (the {@code lbc fmt}
 * layout). They print only what was written, and every model field needs a line in both: the
 * round-trip properties read the output back and require an equal model. Reads the model and value
 * types only. Start at {@link YamlPrinter}.
 */
package dev.lbc.compiler.print;
