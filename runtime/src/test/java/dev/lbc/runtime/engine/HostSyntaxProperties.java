package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The request parser's hand-written Host check accepts exactly what the RFC 9110 grammar it
 * replaced (as a regular expression, kept here as the oracle) accepts, over strings built from the
 * characters that matter at each position: brackets, colons, digits, hex letters, sub-delims,
 * spaces, controls and bytes above ASCII.
 */
class HostSyntaxProperties {
  private static final Pattern ORACLE =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~!$&'()*+,;=%-]*)(:[0-9]*)?");

  @Property(tries = 20_000)
  void agreesWithTheGrammar(@ForAll("hosts") String host) {
    assertEquals(ORACLE.matcher(host).matches(), RequestHead.validHost(host), host);
  }

  @Example
  void knownCases() {
    for (String ok :
        new String[] {
          "", "mail.example.com", "mail.example.com:443", "mail:", "[::1]", "[::1]:8443", "10.0.0.1"
        }) {
      assertEquals(true, RequestHead.validHost(ok), ok);
    }
    for (String bad :
        new String[] {
          "[]",
          "[::1",
          "::1]",
          "mail example",
          "mail:44x",
          "[::1]x",
          "mail/owa",
          "ma\u00efl",
          "[g::]"
        }) {
      assertEquals(false, RequestHead.validHost(bad), bad);
    }
  }

  @Provide
  Arbitrary<String> hosts() {
    return Arbitraries.strings()
        .withChars("[]:.0123456789aAfFgGzZ-_~!$&'()*+,;=% /@\t\u00e9\u0000")
        .ofMaxLength(12);
  }
}
