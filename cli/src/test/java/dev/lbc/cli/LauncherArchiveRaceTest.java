package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.testsupport.Repo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ./lbc started at once on a fresh checkout (an editor and a pre-commit hook, make -j) both
 * make the class-data archive. Neither may spoil the other's class list or delete the archive the
 * other made: each works on files of its own and moves the result into place. A stand-in java
 * writes its class list in two steps a second apart, and its dump refuses a list that is not
 * exactly what one training run wrote, as a real dump refuses a garbled one.
 */
class LauncherArchiveRaceTest {
  private static final String STAND_IN =
      """
      #!/bin/sh
      for a in "$@"; do
        case "$a" in
          -XX:DumpLoadedClassList=*) list="${a#*=}" ;;
          -XX:SharedClassListFile=*) from="${a#*=}" ;;
          -XX:SharedArchiveFile=*) archive="${a#*=}" ;;
          -Xshare:dump) dump=1 ;;
        esac
      done
      if [ -n "$list" ]; then
        echo first >"$list"; sleep 1; echo second >>"$list"; exit 0
      fi
      if [ -n "$dump" ]; then
        [ "$(cat "$from")" = "$(printf 'first\\nsecond')" ] || exit 1
        echo archive >"$archive"; exit 0
      fi
      exit 0
      """;

  @Test
  void twoFirstRunsAtOnceLeaveAnArchive(@TempDir Path tmp) throws Exception {
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.copy(
        Repo.root().resolve("lbc"), checkout.resolve("lbc"), StandardCopyOption.COPY_ATTRIBUTES);
    Path target = Files.createDirectories(checkout.resolve("cli/target"));
    Files.createFile(target.resolve("lbc-all.jar"));
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(java, STAND_IN);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

    List<Process> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ProcessBuilder pb =
          new ProcessBuilder("bash", "./lbc", "lint", "x.yaml")
              .directory(checkout.toFile())
              .redirectErrorStream(true);
      pb.environment().put("PATH", bin + ":/usr/bin:/bin");
      runs.add(pb.start());
      // the second starts while the first is between the two halves of its class list
      Thread.sleep(500);
    }
    for (Process p : runs) {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), output);
    }
    assertTrue(Files.isRegularFile(target.resolve("lbc.jsa")), "an archive is left for next time");
    assertEquals("first\nsecond\n", Files.readString(target.resolve("lbc.classlist")));
    try (var left = Files.list(target)) {
      assertEquals(
          List.of("lbc-all.jar", "lbc.classlist", "lbc.jsa"),
          left.map(p -> p.getFileName().toString()).sorted().toList(),
          "no half-made files are left behind");
    }
  }
}
