/**
 * {@code lbc build} as a library, after the rules: {@link Build} plans a compiled deployment,
 * renders every backend found through the {@code Backend} SPI, adds the certificates and writes it
 * all at once through {@code compiler.output.BuildFolder}. May use the model, the plan, the SPI and
 * the output writer; never a front end, a rule or the command line. Start at {@link Build#of}.
 */
package dev.lbc.backends.build;
