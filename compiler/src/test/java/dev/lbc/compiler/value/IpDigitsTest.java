package dev.lbc.compiler.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lbc.compiler.diag.Messages;
import org.junit.jupiter.api.Test;

/**
 * The digit checks of address parsing accept ASCII digits (and, in IPv6 groups, ASCII hex letters)
 * only: `Integer.parseInt` and `Character.digit` also read other scripts' digits and full-width
 * forms, which lint then took for a prefix length or an address no tool on the path reads.
 */
class IpDigitsTest {
  @Test
  void anIpv4OctetIsAsciiDigits() {
    assertNull(IpAddress.parse("192.168.30.10").error());
    for (String bad : new String[] {"192.168.30.+1", "192.168.30.1a", "192.168.30.\uFF11", ""}) {
      assertEquals(
          Messages.quote(bad) + " is not an IP address (expected four numbers like 192.168.30.10)",
          IpAddress.parse(bad).error(),
          bad);
    }
    assertEquals(
        "`10.0.0.010` has a leading zero in `010`; some tools read it as octal, so write 10",
        IpAddress.parse("10.0.0.010").error());
  }

  @Test
  void aPrefixLengthIsDigits() {
    assertEquals(24, IpNetwork.parseInterfaceAddress("192.168.30.5/24").value().prefix());
    for (String bad :
        new String[] {
          "192.168.30.5/+4",
          "192.168.30.5/2x",
          "192.168.30.5/",
          "192.168.30.5/024",
          "192.168.30.5/\u0662\u0664", // Arabic-Indic 24: Integer.parseInt reads it, no tool does
          "192.168.30.5/\uFF12\uFF14" // full-width 24
        }) {
      assertEquals(
          "`" + bad + "` has a bad prefix length; use 0 to 32",
          IpNetwork.parseInterfaceAddress(bad).error(),
          bad);
    }
  }

  @Test
  void anIpv6GroupIsAsciiHex() {
    assertNull(IpAddress.parse("2001:db8::1").error());
    for (String bad :
        new String[] {"2001:db8::\u0661", "2001:db8::\uFF41", "2001:d\uFF42\uFF18::1"}) {
      assertEquals(true, IpAddress.parse(bad).error() != null, bad);
    }
  }
}
