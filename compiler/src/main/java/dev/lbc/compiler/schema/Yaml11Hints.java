package dev.lbc.compiler.schema;

import dev.lbc.compiler.tree.ScalarNode;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Help for values that a YAML 1.1 reader would have coerced: lbc reads them as text and says how to
 * write what was probably meant.
 */
final class Yaml11Hints {
  private Yaml11Hints() {}

  private static final Pattern LEADING_ZERO = Pattern.compile("-?0[0-9]+");
  private static final Pattern UNDERSCORE = Pattern.compile("-?[0-9][0-9_]*_[0-9_]*");
  private static final Pattern HEX_OR_OCTAL = Pattern.compile("-?0[xXoObB][0-9a-fA-F_]+");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");
  private static final Set<String> YAML11_BOOLEANS =
      Set.of(
          "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
          "OFF", "True", "TRUE", "False", "FALSE");

  static String hint(ScalarNode scalar, String expected) {
    String t = scalar.text();
    if (expected.equals("a whole number")) {
      if (scalar.quoted() && DECIMAL.matcher(t).matches()) {
        return "remove the quotes: a number is written bare";
      }
      if (LEADING_ZERO.matcher(t).matches()) {
        return "YAML 1.1 reads "
            + t
            + " as an octal number; lbc does not guess: write "
            + t.replaceFirst("^(-?)0+(?=[0-9])", "$1")
            + " if decimal was meant";
      }
      if (UNDERSCORE.matcher(t).matches()) {
        return "YAML 1.1 reads " + t + " as " + t.replace("_", "") + "; write it without `_`";
      }
      if (HEX_OR_OCTAL.matcher(t).matches()) {
        return "write the number in decimal";
      }
    }
    if (expected.equals("true or false") && YAML11_BOOLEANS.contains(t)) {
      return "YAML 1.1 reads `" + t + "` as a boolean and YAML 1.2 as text; write true or false";
    }
    if (expected.equals("true or false")
        && scalar.quoted()
        && (t.equals("true") || t.equals("false"))) {
      return "remove the quotes: a boolean is written bare";
    }
    return null;
  }
}
