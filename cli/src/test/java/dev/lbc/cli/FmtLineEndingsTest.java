package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lbc fmt} reads files as {@code lbc lint} does: a byte order mark is skipped, LF, CRLF and
 * CR all end lines. It writes a BOM and CRLF back when the file had them, LF otherwise.
 */
class FmtLineEndingsTest {
  private static final String FORMATTED =
      "# purpose: fmt and line endings\n"
          + "deployment d exchange 2016 {\n"
          + "  appliance lb1 192.168.30.5/24 primary\n"
          + "  admin-password \"${env:LB_ADMIN_PASSWORD}\"\n"
          + "  server MBOX1 192.168.30.20\n"
          + "  service S 192.168.30.10:443 snat {\n"
          + "    real MBOX1\n"
          + "  }\n"
          + "}\n";

  private static final String MESSY = FORMATTED.replace("  server", "server   ");

  private static Path write(Path dir, String text) throws Exception {
    Path p = dir.resolve("d.lbc");
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  private static String read(Path p) throws Exception {
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }

  @Test
  void aFileWithAByteOrderMarkLintsAndFormatsAndKeepsIt(@TempDir Path tmp) throws Exception {
    Path p = write(tmp, "\uFEFF" + FORMATTED);
    assertEquals(0, Cli.lbc("lint", p.toString()).exit());
    Cli.Run check = Cli.lbc("fmt", "--check", p.toString());
    assertEquals(0, check.exit(), check.out() + check.err());
    write(tmp, "\uFEFF" + MESSY);
    assertEquals(0, Cli.lbc("fmt", p.toString()).exit());
    assertEquals("\uFEFF" + FORMATTED, read(p));
  }

  @Test
  void crlfIsKeptAndALoneCrBecomesLf(@TempDir Path tmp) throws Exception {
    Path p = write(tmp, FORMATTED.replace("\n", "\r\n"));
    byte[] crlf = Files.readAllBytes(p);
    assertEquals(0, Cli.lbc("fmt", "--check", p.toString()).exit());
    assertEquals(0, Cli.lbc("fmt", p.toString()).exit());
    assertArrayEquals(crlf, Files.readAllBytes(p), "a formatted CRLF file is left alone");
    write(tmp, MESSY.replace("\n", "\r\n"));
    assertEquals(0, Cli.lbc("fmt", p.toString()).exit());
    assertEquals(FORMATTED.replace("\n", "\r\n"), read(p));
    write(tmp, MESSY.replace("\n", "\r"));
    assertEquals(1, Cli.lbc("fmt", "--check", p.toString()).exit());
    assertEquals(0, Cli.lbc("fmt", p.toString()).exit());
    assertEquals(FORMATTED, read(p));
  }
}
