package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What lbc prints is UTF-8 whatever the platform's default charset (ASCII under LANG=C). */
class OutputEncodingTest {
  @Test
  void diagnosticsAreUtf8UnderAnAsciiLocale() throws Exception {
    Path input = Repo.root().resolve("golden/rules/lbc101-dr-port-translation/input.yaml");
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dfile.encoding=US-ASCII",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.lbc.cli.Main",
                    "lint",
                    "--color=never",
                    input.toString()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue(), out);
    assertTrue(out.contains("(VIP 443 → real server 8443)"), out);
  }
}
